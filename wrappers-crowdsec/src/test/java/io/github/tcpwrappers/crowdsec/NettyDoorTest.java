/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.crowdsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.netty.HostsAccessHandler;
import io.github.tcpwrappers.value.ListMatch;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Netty door whose hosts.deny names a list bound to the real LAPI: what cscli decides is
 * refused at the door, each 127.x.y.z a different client.
 */
class NettyDoorTest {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration WAIT = Duration.ofSeconds(10);
    @RegisterExtension
    static final RealLapi LAPI = new RealLapi();

    @TempDir
    Path dir;
    private Path banList;
    private CrowdSecBouncer bouncer;
    private HostsAccess access;
    private EventLoopGroup group;
    private int port;

    @BeforeEach
    void door() throws Exception {
        banList = dir.resolve("hosts.crowdsec");
        // what libwrap reads on this host: an empty list; the engine reads the LAPI instead
        Files.writeString(banList, "# bound to CrowdSec by the JVM\n");
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), "ALL : " + banList + "\n");
        bouncer = CrowdSecBouncer.builder(URI.create(LAPI.get().url())).apiKey(LAPI.get().addBouncer("door-" + System.nanoTime()))
                .pollInterval(POLL).maxRetryDelay(Duration.ofMillis(400)).build();
        access = HostsAccess.builder().directory(dir).bindList(banList, bouncer).build();
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        Channel listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HostsAccessHandler(access, "echo"), new Hello());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        port = ((InetSocketAddress) listener.localAddress()).getPort();
        bouncer.firstSync().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() throws Exception {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        access.close(); // closes the bouncer it was bound to
        LAPI.get().cscli("decisions", "delete", "--all");
    }

    /** The service behind the door: greets whoever it lets in. */
    private static final class Hello extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(Unpooled.copiedBuffer("hello\n", StandardCharsets.US_ASCII));
            ctx.fireChannelActive();
        }
    }

    /** Whether a client from {@code client} is greeted (true) or shut out (false). */
    private boolean greeted(String client) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(client, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            byte[] hello = new byte[6];
            int n = in.readNBytes(hello, 0, 6);
            return n == 6 && new String(hello, StandardCharsets.US_ASCII).equals("hello\n");
        } catch (SocketException reset) {
            return false;
        }
    }

    private void awaitGreeted(String client, boolean expected) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        while (greeted(client) != expected) {
            assertTrue(System.nanoTime() < end, client + (expected ? " never let in again" : " never refused") + " within " + WAIT);
            Thread.sleep(20);
        }
    }

    @Test
    void aBanAddedWithCscliIsRefusedAtTheDoorAndItsDeletionLetsTheClientBackIn() throws Exception {
        assertTrue(greeted("127.0.3.7"));
        LAPI.get().cscli("decisions", "add", "-i", "127.0.3.7", "-d", "1h", "-R", "door test");
        awaitGreeted("127.0.3.7", false);
        assertTrue(greeted("127.0.3.8"), "only the banned client is refused");
        List<ListMatch> why = access.listEntries(InetAddress.getByName("127.0.3.7"));
        assertEquals(1, why.size(), why.toString());
        assertEquals("door test", why.get(0).entry().reason());
        assertEquals("cscli", why.get(0).entry().origin());
        assertEquals(bouncer.name(), why.get(0).status().source());
        LAPI.get().cscli("decisions", "delete", "-i", "127.0.3.7");
        awaitGreeted("127.0.3.7", true);
    }

    @Test
    void aRangeDecisionRefusesEveryClientInTheRangeOnly() throws Exception {
        LAPI.get().cscli("decisions", "add", "-r", "127.0.4.0/24", "-d", "1h");
        awaitGreeted("127.0.4.200", false);
        assertTrue(!greeted("127.0.4.1"), "the whole /24 is refused");
        assertTrue(greeted("127.0.5.1"), "the next /24 is not");
    }

    @Test
    void aBanExpiresAtTheDoorWhenItsDurationRunsOut() throws Exception {
        LAPI.get().cscli("decisions", "add", "-i", "127.0.6.1", "-d", "3s");
        awaitGreeted("127.0.6.1", false);
        awaitGreeted("127.0.6.1", true);
    }

    @Test
    void whileTheLapiIsDownTheDoorKeepsRefusingAndAfterItsRestartTheListIsResynced() throws Exception {
        LAPI.get().cscli("decisions", "add", "-i", "127.0.7.1", "-d", "1h");
        LAPI.get().cscli("decisions", "add", "-i", "127.0.7.2", "-d", "1h");
        awaitGreeted("127.0.7.1", false);
        awaitGreeted("127.0.7.2", false);
        LAPI.get().stop();
        long end = System.nanoTime() + WAIT.toNanos();
        while (bouncer.status().lastError().isEmpty()) {
            assertTrue(System.nanoTime() < end, "the outage never noticed");
            Thread.sleep(20);
        }
        assertTrue(!greeted("127.0.7.1") && !greeted("127.0.7.2"), "the last list stays in force while the LAPI is down");
        LAPI.get().resume();
        LAPI.get().cscli("decisions", "delete", "-i", "127.0.7.1");
        LAPI.get().cscli("decisions", "add", "-i", "127.0.7.3", "-d", "1h");
        awaitGreeted("127.0.7.1", true);
        awaitGreeted("127.0.7.3", false);
        assertTrue(!greeted("127.0.7.2"), "what was not deleted stays banned");
    }
}
