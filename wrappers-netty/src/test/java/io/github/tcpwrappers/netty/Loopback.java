/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Real servers and clients on loopback for the handler tests (and the attack tests next door). */
public final class Loopback {
    private Loopback() {
    }

    /**
     * The application behind the handler: greets with the socket options it finds (so a client
     * sees whether keepalive and linger were applied) and echoes what it reads.
     */
    static final class Greeter extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Object keepalive = ctx.channel().config().getOption(ChannelOption.SO_KEEPALIVE);
            Object linger = ctx.channel().config().getOption(ChannelOption.SO_LINGER);
            ctx.writeAndFlush(Unpooled.copiedBuffer("hello keepalive=" + keepalive + " linger=" + linger + "\r\n",
                    StandardCharsets.UTF_8));
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.writeAndFlush(msg);
        }
    }

    /** A server on 127.0.0.1 and [::1] whose child pipelines hold {@code handlers.get()}, then a Greeter. */
    public static final class Server implements AutoCloseable {
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        public final InetSocketAddress v4;
        final InetSocketAddress v6;
        private final List<Channel> listeners;

        /** A server whose every child pipeline holds the same (sharable) handler. */
        public Server(ChannelHandler shared) throws InterruptedException {
            this(() -> List.of(shared));
        }

        Server(Supplier<List<ChannelHandler>> handlers) throws InterruptedException {
            ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            for (ChannelHandler h : handlers.get()) {
                                ch.pipeline().addLast(h);
                            }
                            ch.pipeline().addLast(new Greeter());
                        }
                    });
            Channel a = bootstrap.bind("127.0.0.1", 0).sync().channel();
            Channel b = bootstrap.bind("::1", 0).sync().channel();
            listeners = List.of(a, b);
            v4 = (InetSocketAddress) a.localAddress();
            v6 = (InetSocketAddress) b.localAddress();
        }

        @Override
        public void close() {
            listeners.forEach(Channel::close);
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** A client socket bound to {@code from} (127.0.0.2, ::1, ...) connected to {@code to}. */
    public static Socket connect(String from, InetSocketAddress to) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(to, 5000);
        socket.setSoTimeout(5000);
        return socket;
    }

    /**
     * What the server sends until it closes or {@code marker} has arrived; a silent server for 5 s
     * fails the test.
     */
    public static String read(Socket socket, String marker) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[8192];
        while (marker == null || !got.toString(StandardCharsets.UTF_8).contains(marker)) {
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no answer within 5 s; so far: " + got.toString(StandardCharsets.UTF_8));
            } catch (SocketException e) {
                break; // reset by the server: as closed
            }
            if (n < 0) {
                break;
            }
            got.write(buf, 0, n);
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    /** Everything the server sends until it closes. */
    public static String readUntilClosed(Socket socket) throws IOException {
        return read(socket, null);
    }

    /** Whether the server closed: the next read sees end of stream. */
    static boolean closedByServer(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketException e) {
            return true;
        }
    }

    /** Writes hosts.allow and hosts.deny (and any other file) under {@code dir}. */
    static void write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.ISO_8859_1);
    }

    static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }
}
