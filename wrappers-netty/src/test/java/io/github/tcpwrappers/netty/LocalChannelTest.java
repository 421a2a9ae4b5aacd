/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.netty;

import static io.github.tcpwrappers.netty.Loopback.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.Mode;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local channels (like Unix domain sockets) carry no IP address: the client is unknown, as libwrap
 * sees a connection on a Unix socket, so {@code UNKNOWN} matches and {@code %a} is "unknown".
 */
class LocalChannelTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void checks() {
        NettyChecks.install();
    }

    @AfterEach
    void noBlocking() throws Exception {
        NettyChecks.assertNoBlockingCalls();
        NettyChecks.assertNoLeaks();
    }

    /** Connects a local client and returns what the server sent before closing (or its greeting). */
    private static String talk(HostsAccessHandler handler, String name) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
        try {
            LocalAddress address = new LocalAddress(name);
            Channel server = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
                    .childHandler(new ChannelInitializer<LocalChannel>() {
                        @Override
                        protected void initChannel(LocalChannel ch) {
                            ch.pipeline().addLast(handler, new Loopback.Greeter());
                        }
                    }).bind(address).sync().channel();
            StringBuilder got = new StringBuilder();
            CompletableFuture<String> done = new CompletableFuture<>();
            Channel client = new Bootstrap().group(group).channel(LocalChannel.class)
                    .handler(new SimpleChannelInboundHandler<ByteBuf>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                            got.append(msg.toString(StandardCharsets.UTF_8));
                            if (got.toString().startsWith("hello")) {
                                done.complete(got.toString());
                            }
                        }

                        @Override
                        public void channelInactive(ChannelHandlerContext ctx) {
                            done.complete(got + "<closed>");
                        }
                    }).connect(address).sync().channel();
            String result = done.get(5, TimeUnit.SECONDS);
            client.close().sync();
            server.close().sync();
            return result;
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void localClientIsUnknownAndMatchesUnknown() throws Exception {
        write(dir, "refusal/echo", "no address: %a\n");
        write(dir, "hosts.allow", "");
        write(dir, "hosts.deny", "echo: UNKNOWN: banners " + dir.resolve("refusal") + "\n");
        List<AccessRequest> requests = new CopyOnWriteArrayList<>();
        try (HostsAccess access = HostsAccess.builder().directory(dir).mode(Mode.STRICT)
                .listener((request, decision, took) -> requests.add(request)).build()) {
            assertEquals("no address: unknown\r\n<closed>", talk(new HostsAccessHandler(access, "echo"), "deny"));
        }
        assertEquals("unknown", requests.get(0).clientAddressText());
        assertTrue(requests.get(0).client().isEmpty());
    }

    @Test
    void localClientPassesRulesThatDoNotNeedAnAddress() throws Exception {
        write(dir, "hosts.allow", "echo: ALL\n");
        write(dir, "hosts.deny", "ALL: ALL\n");
        try (HostsAccess access = HostsAccess.builder().directory(dir).mode(Mode.STRICT).build()) {
            // keepalive/linger are not options of a local channel; the greeting shows them unset
            assertEquals("hello keepalive=null linger=null\r\n", talk(new HostsAccessHandler(access, "echo"), "allow"));
        }
    }
}
