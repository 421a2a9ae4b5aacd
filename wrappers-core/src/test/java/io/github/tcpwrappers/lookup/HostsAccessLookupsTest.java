/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.testing.Dnsmasq;
import io.github.tcpwrappers.value.Decision;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * End to end: real TCP connections from different loopback addresses to a server socket, a
 * {@link HostsAccess} deciding {@code sshd: .example.com} / {@code sshd: alice@ALL} (then
 * {@code ALL: ALL} denied) through the JDK resolver asking dnsmasq and the ident client asking
 * ident servers on the clients' addresses.
 */
class HostsAccessLookupsTest {
    private static Dnsmasq dns;
    private static JdkHostNameResolver names;
    private static final List<IdentServer> identServers = new ArrayList<>();
    /** "client-port , server-port" of connections whose owner is alice, as a real identd knows. */
    private static final Map<String, String> owners = new ConcurrentHashMap<>();
    private static int identPort;
    private static HostsAccess access;

    @BeforeAll
    static void start(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        dns = ExampleZone.start();
        names = JdkHostNameResolver.builder().dnsServer(dns.url()).timeout(Duration.ofSeconds(3)).build();
        startIdentServers();
        Files.writeString(dir.resolve("hosts.allow"), "sshd: .example.com\nsshd: alice@ALL\n");
        Files.writeString(dir.resolve("hosts.deny"), "ALL: ALL\n");
        access = HostsAccess.builder().directory(dir)
                .hostNameResolver(CachingHostNameResolver.of(names))
                .identResolver(Rfc1413IdentResolver.onPort(identPort))
                .build();
    }

    /**
     * One ident port on three client addresses: 127.0.0.4 knows alice's connections, 127.0.0.5
     * says every connection is bob's, 127.0.0.7 answers ERROR. 127.0.0.3 runs no identd.
     */
    private static void startIdentServers() throws Exception {
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                IdentServer alice = new IdentServer(InetAddress.getByName("127.0.0.4"), 0, query -> Optional.of(
                        owners.containsKey(query) ? query + " : USERID : UNIX : " + owners.get(query) + "\r\n"
                                : query + " : ERROR : NO-USER\r\n"));
                identServers.add(alice);
                identPort = alice.port();
                identServers.add(new IdentServer(InetAddress.getByName("127.0.0.5"), identPort,
                        query -> Optional.of(query + " : USERID : UNIX : bob\r\n")));
                identServers.add(new IdentServer(InetAddress.getByName("127.0.0.7"), identPort,
                        query -> Optional.of(query + " : ERROR : HIDDEN-USER\r\n")));
                return;
            } catch (BindException e) {
                stopIdentServers();
            }
        }
        throw new AssertionError("no ident port free on 127.0.0.4, .5 and .7");
    }

    private static void stopIdentServers() throws Exception {
        for (IdentServer server : identServers) {
            server.close();
        }
        identServers.clear();
    }

    @AfterAll
    static void stop() throws Exception {
        stopIdentServers();
        names.close();
        dns.close();
    }

    static Stream<Arguments> connections() {
        return Stream.of(
                Arguments.of("127.0.0.2", "127.0.0.1", "verified good.example.com", true, "hosts.allow:1"),
                Arguments.of("::1", "::1", "verified six.example.com over IPv6", true, "hosts.allow:1"),
                Arguments.of("127.0.0.3", "127.0.0.1", "paranoid, no identd", false, "hosts.deny:1"),
                Arguments.of("127.0.0.4", "127.0.0.1", "no name, identd says alice", true, "hosts.allow:2"),
                Arguments.of("127.0.0.5", "127.0.0.1", "no name, identd says bob", false, "hosts.deny:1"),
                Arguments.of("127.0.0.7", "127.0.0.1", "no name, identd answers ERROR", false, "hosts.deny:1"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("connections")
    void decidesThroughDnsAndIdentOnTheWire(String client, String server, String why, boolean granted, String rule)
            throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 10, InetAddress.getByName(server));
                Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(client), 0));
            socket.connect(listener.getLocalSocketAddress(), 5000);
            try (Socket accepted = listener.accept()) {
                String pair = accepted.getPort() + " , " + accepted.getLocalPort();
                owners.put(pair, "alice");
                AccessRequest request = AccessRequest.of("sshd", accepted.getRemoteSocketAddress(),
                        accepted.getLocalSocketAddress());
                Decision decision = access.check(request).toCompletableFuture().get(20, TimeUnit.SECONDS);
                assertEquals(granted, decision.granted(), why + ": " + decision + "\n" + dns.log());
                assertEquals(Optional.of(rule),
                        decision.rule().map(r -> Path.of(r.file()).getFileName() + ":" + r.line()), why);
                // Ident is asked only when the name did not decide, and only where an identd runs.
                boolean identAsked = identServers.stream().anyMatch(s -> s.queries().contains(pair));
                assertEquals(List.of("127.0.0.4", "127.0.0.5", "127.0.0.7").contains(client), identAsked, why);
            }
        }
    }
}
