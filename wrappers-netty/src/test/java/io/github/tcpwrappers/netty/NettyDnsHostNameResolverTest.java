/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.netty;

import static io.github.tcpwrappers.netty.Loopback.connect;
import static io.github.tcpwrappers.netty.Loopback.read;
import static io.github.tcpwrappers.netty.Loopback.readUntilClosed;
import static io.github.tcpwrappers.netty.Loopback.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.spi.HostNameSyntax;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.Mode;
import io.github.tcpwrappers.value.HostName;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The resolver against a real DNS server on 127.0.0.1, and the handler deciding by name through it. */
class NettyDnsHostNameResolverTest {
    static TestDnsServer dns;
    static EventLoopGroup group;
    static NettyDnsHostNameResolver resolver;

    @BeforeAll
    static void start() throws Exception {
        NettyChecks.install();
        dns = new TestDnsServer()
                .ptr("127.0.0.2", "host2.example.test").address("host2.example.test", "127.0.0.2")
                .ptr("::1", "v6.example.test").address("v6.example.test", "::1")
                // forward answer lacks the address: a forged PTR
                .ptr("127.0.0.3", "liar.example.test").address("liar.example.test", "127.0.0.99")
                // PTR to a name with no A record at all
                .ptr("127.0.0.5", "gone.example.test")
                // PTR to an alias: libwrap's "host name/name mismatch"
                .ptr("127.0.0.6", "alias.example.test").cname("alias.example.test", "real.example.test")
                .address("real.example.test", "127.0.0.6");
        // 127.0.0.4 has no PTR record
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        resolver = NettyDnsHostNameResolver.create(group.next(), dns.address, Duration.ofSeconds(2));
    }

    @AfterEach
    void noBlocking() {
        NettyChecks.assertNoBlockingCalls();
    }

    @AfterAll
    static void stop() throws Exception {
        resolver.close();
        dns.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        NettyChecks.assertNoLeaks();
    }

    static HostName resolve(NettyDnsHostNameResolver names, String address) throws Exception {
        return names.verifiedName(InetAddress.getByName(address)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.2 | verified | host2.example.test
            ::1       | verified | v6.example.test
            127.0.0.3 | paranoid | liar.example.test
            127.0.0.5 | paranoid | gone.example.test
            127.0.0.6 | paranoid | alias.example.test
            127.0.0.4 | unknown  |
            """)
    void reverseThenForwardDecidesTheName(String address, String kind, String name) throws Exception {
        HostName expected = switch (kind) {
            case "verified" -> new HostName.Verified(name);
            case "paranoid" -> new HostName.Paranoid(name);
            default -> HostName.unknown();
        };
        assertEquals(expected, resolve(resolver, address));
    }

    @Test
    void asksPtrThenTheClientsOwnFamily() throws Exception {
        dns.questions.clear();
        resolve(resolver, "::1");
        assertEquals(List.of(
                "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa. PTR",
                "v6.example.test. AAAA"), dns.questions);
    }

    @Test
    void reverseNamesAreWrittenAsDnsWantsThem() throws Exception {
        assertEquals("4.3.2.1.in-addr.arpa.", HostNameSyntax.reverseName(InetAddress.getByName("1.2.3.4")));
        assertEquals("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.",
                HostNameSyntax.reverseName(InetAddress.getByName("2001:db8::1")));
    }

    @Test
    void serverThatNeverAnswersGivesUnknownWithinTheTimeout() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             NettyDnsHostNameResolver names = NettyDnsHostNameResolver.create(group.next(),
                     (InetSocketAddress) silent.getLocalSocketAddress(), Duration.ofMillis(300))) {
            long start = System.nanoTime();
            assertEquals(HostName.unknown(), resolve(names, "127.0.0.2"));
            // loose bound: the point is that it ends on the query timeout, not on the test's 10 s
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
        }
    }

    @Test
    void handlerDecidesByVerifiedNameAndLooksUpOnlyWhenARuleNeedsIt(@TempDir Path dir) throws Exception {
        write(dir, "refusal/echo", "name for %a: %n\n");
        write(dir, "hosts.allow", "echo: 127.0.0.1\necho: .example.test\n");
        write(dir, "hosts.deny", "echo: PARANOID: banners " + dir.resolve("refusal") + "\nALL: ALL\n");
        try (HostsAccess access = HostsAccess.builder().directory(dir).mode(Mode.STRICT)
                .hostNameResolver(resolver).build();
             Loopback.Server server = new Loopback.Server(new HostsAccessHandler(access, "echo"))) {
            dns.questions.clear();
            try (Socket socket = connect("127.0.0.1", server.v4)) {
                assertEquals("hello keepalive=false linger=-1\r\n", read(socket, "\r\n"));
            }
            assertEquals(List.of(), dns.questions, "the first rule matched by address: no lookup");

            try (Socket socket = connect("127.0.0.2", server.v4)) {
                assertEquals("hello keepalive=false linger=-1\r\n", read(socket, "\r\n"));
            }
            assertEquals(List.of("2.0.0.127.in-addr.arpa. PTR", "host2.example.test. A"), dns.questions);

            try (Socket socket = connect("127.0.0.3", server.v4)) {
                assertEquals("name for 127.0.0.3: paranoid\r\n", readUntilClosed(socket));
            }
            try (Socket socket = connect("127.0.0.4", server.v4)) {
                assertEquals("", readUntilClosed(socket));
            }
        }
    }
}
