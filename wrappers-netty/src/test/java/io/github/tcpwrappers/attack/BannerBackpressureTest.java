/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.Mode;
import io.github.tcpwrappers.netty.HostsAccessHandler;
import io.github.tcpwrappers.testing.StderrLines;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18.8: clients that are refused with a 1 MiB banner and never read it. Before, each one's
 * whole banner sat in the channel's outbound buffer on the heap for as long as it stayed
 * connected (800 such clients: heap 73 -> 466 MB, and it stayed). Now the handler queues at most
 * one 16 KiB piece per connection, shares one copy of a banner that many clients get, and closes
 * a client that has not taken its banner within the write time limit, saying so in the log.
 */
class BannerBackpressureTest {
    private static final int CLIENTS = 100;
    private static final Duration LIMIT = Duration.ofSeconds(8);
    private static final int BANNER_BYTES = 1 << 20;

    @TempDir
    Path dir;

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void clientsThatNeverReadABigBannerHoldOnePieceEachAndAreClosedAtTheWriteTimeLimit() throws Exception {
        Files.createDirectories(dir.resolve("banners"));
        Files.writeString(dir.resolve("banners/echo"), ("x".repeat(99) + "\n").repeat(BANNER_BYTES / 100));
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), "echo: ALL: banners " + dir.resolve("banners") + "\n");
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        ChannelGroup children = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        List<Socket> clients = new ArrayList<>();
        AtomicInteger accepted = new AtomicInteger();
        try (HostsAccess access = HostsAccess.builder().directory(dir).mode(Mode.LIBWRAP).build();
             StderrLines log = StderrLines.capture()) {
            HostsAccessHandler handler = new HostsAccessHandler(access, "echo",
                    HostsAccessHandler.Settings.defaults().writeTimeLimit(LIMIT));
            // A small send buffer stands for a loaded host, whose kernel stops absorbing what
            // stuck clients do not read (tcp_mem): the rest is the handler's to hold, or not.
            Channel listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.SO_SNDBUF, 32 * 1024)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            children.add(ch);
                            accepted.incrementAndGet();
                            ch.pipeline().addLast(handler);
                        }
                    }).bind("127.0.0.1", 0).sync().channel();
            long before = usedHeap();
            long start = System.nanoTime();
            for (int i = 0; i < CLIENTS; i++) {
                Socket client = new Socket();
                client.setReceiveBufferSize(4096); // and never reads
                client.bind(new InetSocketAddress("127.0.5." + (i % 250 + 1), 0));
                client.connect(listener.localAddress(), 5000);
                clients.add(client);
            }
            long connected = System.nanoTime() - start;
            // Sample while the server accepts, decides and writes, until every client is closed.
            int open = 0;
            long queued = 0;
            long during = before;
            do {
                Thread.sleep(250);
                long pending = 0;
                int active = 0;
                for (Channel ch : children) {
                    if (ch.isActive()) {
                        active++;
                        pending += ch.eventLoop().submit(() -> ch.unsafe().outboundBuffer() == null ? 0L
                                : ch.unsafe().outboundBuffer().totalPendingWriteBytes()).get(5, TimeUnit.SECONDS);
                    }
                }
                if (active > open) {
                    open = active;
                    during = Math.max(during, usedHeap());
                }
                queued = Math.max(queued, pending);
            } while ((accepted.get() < CLIENTS || children.stream().anyMatch(Channel::isActive))
                    && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(40));
            long closedAfter = System.nanoTime() - start;
            long after = usedHeap();
            long stillOpen = children.stream().filter(Channel::isActive).count();
            int closedLines = log.containing("the client took no banner within " + LIMIT.toMillis() + " ms").size();
            System.out.printf("banner backpressure: %d clients connected in %.1f s, at most %d open at once, at most %d KiB queued in all,"
                            + " heap %d -> %d -> %d MB, %d still open after %.1f s,"
                            + " %d log lines%n", CLIENTS, connected / 1e9, open, queued / 1024, before >> 20,
                    during >> 20, after >> 20, stillOpen, closedAfter / 1e9, closedLines);
            assertTrue(open >= CLIENTS / 2, "many clients stuck at once: " + open);
            assertTrue(queued <= (long) open * 16 * 1024, "at most one piece queued per connection: " + queued);
            assertTrue(during - before < 64L << 20, "heap while stuck grew by " + ((during - before) >> 20) + " MB");
            assertEquals(0, stillOpen, "every client closed at the limit");
            assertEquals(CLIENTS, closedLines, "each close says why");
            listener.close().sync();
        } finally {
            for (Socket client : clients) {
                client.close();
            }
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
