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
import static org.junit.jupiter.api.Assertions.fail;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.Mode;
import io.github.tcpwrappers.testing.Peers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyMessageEncoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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

/**
 * PROXY protocol: the decision uses the header's source and destination, never the proxy's own
 * address. Every socket peer here is a 127.x address the rules deny, so a pass proves the header
 * decided.
 */
class ProxyProtocolTest {

    @TempDir
    static Path dir;
    static HostsAccess access;
    static Loopback.Server server;
    static final Map<String, AccessRequest> REQUESTS = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        NettyChecks.install();
        write(dir, "refusal/echo", "Go away %a (you asked for %A)\n");
        write(dir, "hosts.allow", String.join("\n",
                "echo: 192.0.2.0/255.255.255.0 EXCEPT 192.0.2.66",
                "echo: [2001:db8::]/32",
                "echo: 127.0.0.2",
                ""));
        write(dir, "hosts.deny", String.join("\n",
                "echo: 192.0.2.66 127.0.0.3: banners " + dir.resolve("refusal"),
                "ALL: ALL",
                ""));
        access = HostsAccess.builder().directory(dir).mode(Mode.STRICT)
                .listener((request, decision, took) -> REQUESTS.put(request.clientAddressText(), request))
                .build();
        HostsAccessHandler handler = new HostsAccessHandler(access, "echo",
                HostsAccessHandler.Settings.defaults().trustProxyProtocol(Duration.ofMillis(500)));
        server = new Loopback.Server(() -> List.of(new HAProxyMessageDecoder(), handler));
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

    /** The header bytes as Netty's encoder writes them. */
    static byte[] header(HAProxyProtocolVersion version, HAProxyProxiedProtocol protocol, String source,
            String destination) {
        EmbeddedChannel encoder = new EmbeddedChannel(HAProxyMessageEncoder.INSTANCE);
        encoder.writeOutbound(new HAProxyMessage(version, HAProxyCommand.PROXY, protocol, source, destination,
                40000, 7));
        ByteBuf out = encoder.readOutbound();
        byte[] bytes = ByteBufUtil.getBytes(out);
        out.release();
        encoder.finishAndReleaseAll();
        return bytes;
    }

    static Socket send(byte[] header, String after) throws IOException {
        Socket socket = connect("127.0.0.1", server.v4);
        OutputStream out = socket.getOutputStream();
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(header);
        packet.write(after.getBytes(StandardCharsets.US_ASCII));
        out.write(packet.toByteArray()); // one write: the data rides with the header
        out.flush();
        return socket;
    }

    @Test
    void headerSourceInAllowedNetIsGrantedAndBytesAfterTheHeaderReachTheApplication() throws Exception {
        byte[] v2 = header(HAProxyProtocolVersion.V2, HAProxyProxiedProtocol.TCP4, "192.0.2.10", "198.51.100.7");
        try (Socket socket = send(v2, "ping\n")) {
            assertEquals("hello keepalive=false linger=-1\r\nping\n", read(socket, "ping\n"));
        }
        AccessRequest request = REQUESTS.get("192.0.2.10");
        assertEquals("198.51.100.7", request.serverAddressText());
        assertEquals(40000, request.client().orElseThrow().getPort());
    }

    @Test
    void headerSourceExceptedFromTheNetGetsTheDenyBanner() throws Exception {
        byte[] v1 = header(HAProxyProtocolVersion.V1, HAProxyProxiedProtocol.TCP4, "192.0.2.66", "198.51.100.7");
        try (Socket socket = send(v1, "")) {
            assertEquals("Go away 192.0.2.66 (you asked for 198.51.100.7)\r\n", readUntilClosed(socket));
        }
    }

    @Test
    void ipv6HeaderSourceIsDecidedByTheIpv6Net() throws Exception {
        byte[] v2 = header(HAProxyProtocolVersion.V2, HAProxyProxiedProtocol.TCP6, "2001:db8::1", "2001:db8::2");
        try (Socket socket = send(v2, "")) {
            assertEquals("hello keepalive=false linger=-1\r\n", read(socket, "\r\n"));
        }
        assertEquals("2001:db8::2", REQUESTS.get("2001:db8::1").serverAddressText());
    }

    @Test
    void connectionWithoutHeaderInTimeIsRejected() throws Exception {
        REQUESTS.clear();
        long start = System.nanoTime();
        try (Socket socket = connect("127.0.0.1", server.v4)) {
            assertEquals("", readUntilClosed(socket));
        }
        long waited = System.nanoTime() - start;
        assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(400), "closed before the header timeout: " + waited);
        assertEquals(Map.of(), REQUESTS, "no decision is asked without a header");
    }

    @Test
    void somethingElseThanAHeaderIsRejected() throws Exception {
        try (Socket socket = send(new byte[0], "GET / HTTP/1.0\r\nHost: x\r\n\r\n")) {
            assertEquals("", readUntilClosed(socket));
        }
    }

    @Test
    void realHaproxyWithSendProxyV2PassesTheClientsAddress(@TempDir Path work) throws Exception {
        Path binary = Peers.require("haproxy", "apt-get install -y haproxy");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        Path config = work.resolve("haproxy.cfg");
        Files.writeString(config, String.join("\n",
                "global",
                "    maxconn 64",
                "defaults",
                "    mode tcp",
                "    timeout connect 2s",
                "    timeout client 10s",
                "    timeout server 10s",
                "frontend front",
                "    bind 127.0.0.1:" + port,
                "    default_backend wrapped",
                "backend wrapped",
                "    server echo 127.0.0.1:" + server.v4.getPort() + " send-proxy-v2",
                ""));
        Path log = work.resolve("haproxy.log");
        Process haproxy = new ProcessBuilder(binary.toString(), "-db", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            InetSocketAddress front = new InetSocketAddress("127.0.0.1", port);
            awaitListening(front, haproxy, log);
            // Through haproxy every connection reaches the server from 127.0.0.1 (denied by
            // ALL: ALL); only the header tells 127.0.0.2 from 127.0.0.3.
            try (Socket socket = connect("127.0.0.2", front)) {
                assertEquals("hello keepalive=false linger=-1\r\n", read(socket, "\r\n"));
            }
            try (Socket socket = connect("127.0.0.3", front)) {
                assertEquals("Go away 127.0.0.3 (you asked for 127.0.0.1)\r\n", readUntilClosed(socket));
            }
            assertEquals("127.0.0.1", REQUESTS.get("127.0.0.2").serverAddressText());
        } finally {
            haproxy.destroy();
            if (!haproxy.waitFor(5, TimeUnit.SECONDS)) {
                haproxy.destroyForcibly();
            }
        }
    }

    private static void awaitListening(InetSocketAddress address, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("haproxy exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try (Socket probe = new Socket()) {
                probe.connect(address, 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        fail("haproxy did not listen on " + address + " within 10 s: " + Files.readString(log));
    }
}
