/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.netty;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.contract.Door;
import io.github.tcpwrappers.contract.Expected;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The contract's driver for {@link HostsAccessHandler}: a NIO server (a listener per server
 * address, made when first asked for) whose child pipelines hold the handler of the current case,
 * then {@link Loopback.Greeter}, which greets with the socket options it finds. The client sends
 * its input, half-closes and reads until the server closes: banner and twist output come before
 * the greeting, or instead of it.
 */
final class NettyDoor implements Door {
    private static final Pattern GREETING = Pattern.compile("hello keepalive=(\\w+) linger=(-?\\w+)\r\n");

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final Map<InetAddress, Channel> listeners = new ConcurrentHashMap<>();
    private volatile HostsAccessHandler handler;

    @Override
    public String name() {
        return "netty";
    }

    @Override
    public boolean carriesInput() {
        return true;
    }

    @Override
    public void serve(HostsAccess engine, String daemon) {
        handler = new HostsAccessHandler(engine, daemon);
    }

    @Override
    public Observed ask(InetAddress client, InetAddress server, byte[] input) throws IOException {
        InetSocketAddress to = (InetSocketAddress) listeners.computeIfAbsent(server, this::listen).localAddress();
        byte[] got;
        try (Socket socket = Loopback.connect(client.getHostAddress(), to)) {
            socket.getOutputStream().write(input);
            socket.shutdownOutput(); // tcpd: the half-close only ends a twist command's stdin
            got = readUntilClosed(socket);
        }
        String text = Expected.text(got);
        Matcher greeting = GREETING.matcher(text);
        if (greeting.find()) {
            return Observed.served(text.substring(0, greeting.start())).withKeepalive(Boolean.parseBoolean(greeting.group(1)));
        }
        return Observed.refused(text);
    }

    @Override
    public Observed present(Expected expected) {
        if (expected.granted() && expected.twist().isEmpty()) {
            return Observed.served(expected.banner().orElse("")).withKeepalive(expected.keepalive());
        }
        return Observed.refused(expected.bannerThenTwist());
    }

    private Channel listen(InetAddress address) {
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(handler, new Loopback.Greeter());
                    }
                });
        return bootstrap.bind(address, 0).syncUninterruptibly().channel();
    }

    private static byte[] readUntilClosed(Socket socket) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                got.write(buf, 0, n);
            }
        } catch (SocketException reset) {
            // reset by the server (linger 0): as closed
        }
        return got.toByteArray();
    }

    @Override
    public void close() {
        listeners.values().forEach(Channel::close);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
