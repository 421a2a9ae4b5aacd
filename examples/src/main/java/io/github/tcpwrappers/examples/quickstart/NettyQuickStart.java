/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.examples.quickstart;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.netty.HostsAccessHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/** A line echo server that obeys /etc/hosts.allow and /etc/hosts.deny as the daemon "echo". */
public final class NettyQuickStart {
    public static void main(String[] args) throws Exception {
        Path rules = Path.of(args.length > 0 ? args[0] : "/etc");
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 7007;
        try (HostsAccess access = HostsAccess.builder().directory(rules).build()) {
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
            try {
                start(access, group, new InetSocketAddress(port)).closeFuture().sync();
            } finally {
                group.shutdownGracefully();
            }
        }
    }

    /** Listens on {@code address}; one handler serves every connection (it is @Sharable). */
    public static Channel start(HostsAccess access, EventLoopGroup group, InetSocketAddress address)
            throws InterruptedException {
        HostsAccessHandler wrappers = new HostsAccessHandler(access, "echo");
        return new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // First in the pipeline: nothing behind it sees a refused client.
                        ch.pipeline().addLast(wrappers, new LineBasedFrameDecoder(1024, false, false), new Echo());
                    }
                })
                .bind(address).sync().channel();
    }

    private static final class Echo extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
            ctx.writeAndFlush(line.retain());
        }
    }
}
