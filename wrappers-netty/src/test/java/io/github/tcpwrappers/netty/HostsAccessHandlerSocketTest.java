/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.netty;

import static io.github.tcpwrappers.netty.Loopback.connect;
import static io.github.tcpwrappers.netty.Loopback.read;
import static io.github.tcpwrappers.netty.Loopback.readUntilClosed;
import static io.github.tcpwrappers.netty.Loopback.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.Mode;
import io.github.tcpwrappers.RulesRejectedException;
import io.github.tcpwrappers.testing.StderrLines;
import io.github.tcpwrappers.value.CommandLimits;
import io.github.tcpwrappers.value.Decision;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The handler in front of a real server on loopback, clients bound to different 127.x addresses. */
class HostsAccessHandlerSocketTest {
    @TempDir
    static Path dir;
    static HostsAccess access;
    static Loopback.Server server;
    static Path SPAWNED;
    static final Map<String, Decision> DECISIONS = new ConcurrentHashMap<>();
    static final Map<String, AccessRequest> REQUESTS = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        NettyChecks.install();
        SPAWNED = dir.resolve("spawned");
        write(dir, "welcome/echo", "Welcome %a to %d\n");
        write(dir, "refusal/echo", "Go away %a\n");
        // Not UTF-8: a lone continuation byte and 0xFF, as libwrap sends them.
        Files.createDirectories(dir.resolve("raw"));
        Files.write(dir.resolve("raw/echo"), new byte[] {'c', 'a', 'f', (byte) 0xE9, ' ', (byte) 0xA9, (byte) 0xFF, '\n'});
        write(dir, "hosts.allow", String.join("\n",
                "# net/mask with EXCEPT: 127.0.0.0 to 127.0.0.7 minus three",
                "echo: 127.0.0.2: banners " + dir.resolve("welcome") + ": keepalive: linger 5",
                "echo: 127.0.0.0/255.255.255.248 EXCEPT 127.0.0.3 127.0.0.4 127.0.0.5",
                "echo: [::1]",
                ""));
        write(dir, "hosts.deny", String.join("\n",
                // The spawn writes its expanded arguments to a file, replaced whole when done.
                "echo: 127.0.0.3: spawn echo %d %a %c %s %r %p > " + SPAWNED + ".tmp && mv " + SPAWNED + ".tmp "
                        + SPAWNED + ": banners " + dir.resolve("refusal"),
                "echo: 127.0.0.4: twist /bin/echo twisted %a %d",
                "echo: 127.0.0.5: twist read line; echo \"got $line from %a\"",
                "echo: 127.0.1.1: banners " + dir.resolve("raw"),
                "ALL: ALL",
                ""));
        access = HostsAccess.builder().directory(dir).mode(Mode.STRICT)
                .listener((request, decision, took) -> {
                    String client = request.clientAddressText();
                    DECISIONS.put(client, decision);
                    REQUESTS.put(client, request);
                })
                .build();
        HostsAccessHandler handler = new HostsAccessHandler(access, "echo");
        server = new Loopback.Server(handler);
    }

    @AfterEach
    void noBlocking() {
        NettyChecks.assertNoBlockingCalls();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        NettyChecks.assertNoLeaks();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1 | hello keepalive=false linger=-1\\r\\n
            127.0.0.6 | hello keepalive=false linger=-1\\r\\n
            127.0.0.2 | Welcome 127.0.0.2 to echo\\r\\nhello keepalive=true linger=5\\r\\n
            """)
    void grantedClientsReachTheApplication(String client, String expected) throws Exception {
        String want = expected.replace("\\r\\n", "\r\n");
        try (Socket socket = connect(client, server.v4)) {
            // read() stops at the expected text; anything else times out showing what came
            assertEquals(want, read(socket, want));
        }
        assertTrue(DECISIONS.get(client).granted());
    }

    @Test
    void deniedClientGetsTheBannerThenTheConnectionCloses() throws Exception {
        List<String> logged;
        int clientPort;
        try (StderrLines err = StderrLines.capture()) {
            try (Socket socket = connect("127.0.0.3", server.v4)) {
                clientPort = socket.getLocalPort();
                assertEquals("Go away 127.0.0.3\r\n", readUntilClosed(socket));
            }
            // The engine logs inside check(), before the handler sends the banner.
            logged = err.containing(" io.github.tcpwrappers.access - ");
        }
        Decision decision = DECISIONS.get("127.0.0.3");
        assertTrue(decision.denied());
        AccessRequest request = REQUESTS.get("127.0.0.3");
        assertEquals(server.v4.getPort(), request.server().orElseThrow().getPort());
        assertEquals("127.0.0.1", request.serverAddressText());

        // tcpd's line with its key-values, as slf4j-simple prints them
        assertEquals(1, logged.size(), logged.toString());
        assertTrue(logged.get(0).endsWith(" WARN io.github.tcpwrappers.access - daemon=echo client=127.0.0.3"
                + " address=127.0.0.3 verdict=denied rule=" + dir.resolve("hosts.deny") + ":1 facility=daemon"
                + " refused connect from 127.0.0.3"), logged.get(0));

        // The spawn ran, with the channel's real addresses and ports expanded.
        // %d %a %c %s %r %p: daemon, client address, client, daemon@server, client port, pid
        String expanded = "echo 127.0.0.3 127.0.0.3 echo@127.0.0.1 " + clientPort + " " + ProcessHandle.current().pid();
        assertEquals("echo " + expanded + " > " + SPAWNED + ".tmp && mv " + SPAWNED + ".tmp " + SPAWNED,
                decision.spawns().get(0).commandLine());
        assertEquals(expanded + "\n", awaitFile(SPAWNED, Duration.ofSeconds(10)));
    }

    @Test
    void aBannerThatIsNotUtf8ReachesTheClientByteForByte() throws Exception {
        try (Socket socket = connect("127.0.1.1", server.v4)) {
            assertArrayEquals(new byte[] {'c', 'a', 'f', (byte) 0xE9, ' ', (byte) 0xA9, (byte) 0xFF, '\r', '\n'},
                    socket.getInputStream().readAllBytes());
        }
        assertTrue(DECISIONS.get("127.0.1.1").denied());
    }

    /** The file's text once it exists, waiting at most {@code timeout}. */
    private static String awaitFile(Path file, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(file + " did not appear within " + timeout);
            }
            Thread.sleep(20);
        }
        return Files.readString(file);
    }

    @Test
    void deniedClientWithoutOptionsIsClosedSilently() throws Exception {
        try (Socket socket = connect("127.0.0.9", server.v4)) {
            assertEquals("", readUntilClosed(socket));
        }
        assertEquals(dir.resolve("hosts.deny") + ":5", DECISIONS.get("127.0.0.9").rule().orElseThrow().toString());
    }

    @Test
    void twistOutputReachesTheClient() throws Exception {
        try (Socket socket = connect("127.0.0.4", server.v4)) {
            assertEquals("twisted 127.0.0.4 echo\n", readUntilClosed(socket));
        }
    }

    @Test
    void twistReadsTheClientsBytesOnItsStdin() throws Exception {
        try (Socket socket = connect("127.0.0.5", server.v4)) {
            OutputStream out = socket.getOutputStream();
            out.write("ping\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals("got ping from 127.0.0.5\n", readUntilClosed(socket));
        }
    }

    @Test
    void ipv6ClientIsDecidedByItsBracketedPattern() throws Exception {
        try (Socket socket = connect("::1", server.v6)) {
            assertEquals("hello keepalive=false linger=-1\r\n", read(socket, "\r\n"));
            socket.getOutputStream().write("echo me\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("echo me\n", read(socket, "\n"));
        }
        assertEquals("::1", REQUESTS.get("::1").clientAddressText());
        assertTrue(DECISIONS.get("::1").granted());
    }

    @Test
    void blockHoundIsWatchingTheEventLoops() throws Exception {
        // Proves the other tests' "no blocking calls" means something.
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            group.submit(() -> {
                Thread.sleep(1);
                return null;
            }).await(5, TimeUnit.SECONDS);
            assertFalse(NettyChecks.BLOCKING_CALLS.isEmpty(), "Thread.sleep on an event loop was not seen");
            assertTrue(NettyChecks.BLOCKING_CALLS.get(0).contains("sleep"), NettyChecks.BLOCKING_CALLS.toString());
        } finally {
            NettyChecks.BLOCKING_CALLS.clear();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void rulesReloadBetweenTwoConnections(@TempDir Path rules) throws Exception {
        write(rules, "hosts.allow", "echo: 127.0.0.1\n");
        write(rules, "hosts.deny", "echo: 127.0.0.2\n");
        try (HostsAccess live = HostsAccess.builder().directory(rules).mode(Mode.STRICT).build();
             Loopback.Server s = new Loopback.Server(new HostsAccessHandler(live, "echo"))) {
            try (Socket socket = connect("127.0.0.2", s.v4)) {
                assertEquals("", readUntilClosed(socket));
            }
            write(rules, "hosts.deny", "echo: 127.0.0.3\n");
            assertEquals(List.of(), live.reload());
            try (Socket socket = connect("127.0.0.2", s.v4)) {
                assertEquals("hello keepalive=false linger=-1\r\n", read(socket, "\r\n"));
            }
        }
    }

    @Test
    void libwrapModeEnforcesWhatStrictModeRefuses(@TempDir Path rules) throws Exception {
        // A comment after a rule: strict refuses the file; libwrap reads "#" and "office" as two
        // more (useless) patterns, so the rule still allows 127.0.0.2 and the handler does so.
        write(rules, "hosts.allow", "echo: 127.0.0.2 # office\n");
        write(rules, "hosts.deny", "echo: ALL\n");
        RulesRejectedException refused = assertThrows(RulesRejectedException.class,
                () -> HostsAccess.builder().directory(rules).mode(Mode.STRICT).build());
        assertTrue(refused.getMessage().contains(rules.resolve("hosts.allow") + ":1"), refused.getMessage());
        try (HostsAccess lenient = HostsAccess.builder().directory(rules).mode(Mode.LIBWRAP).build();
             Loopback.Server s = new Loopback.Server(new HostsAccessHandler(lenient, "echo"))) {
            try (Socket socket = connect("127.0.0.2", s.v4)) {
                assertEquals("hello keepalive=false linger=-1\r\n", read(socket, "\r\n"));
            }
            try (Socket socket = connect("127.0.0.3", s.v4)) {
                assertEquals("", readUntilClosed(socket));
            }
        }
    }
}
