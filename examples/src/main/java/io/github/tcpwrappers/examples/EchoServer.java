/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.examples;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.netty.HostsAccessHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A Netty line echo server guarded by {@link HostsAccessHandler} under the daemon name
 * {@value #DAEMON}: a granted client gets the rule's banner, then each line it sends back; a
 * refused one gets the rule's banner or twist command and is closed.
 *
 * <pre>{@code
 * cd examples && java -cp ... io.github.tcpwrappers.examples.EchoServer [port]
 * printf 'hello\n' | nc 127.0.0.1 17007
 * }</pre>
 */
public final class EchoServer implements AutoCloseable {
    /** The daemon name the rules give this server. */
    public static final String DAEMON = "echo";
    /** The port {@link #main} listens on when given none. */
    public static final int DEFAULT_PORT = 17007;

    private final EventLoopGroup group;
    private final Channel channel;

    private EchoServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /**
     * Listens on {@code bind} (port 0: any free port) until closed.
     *
     * @throws BindException when the address is taken
     */
    public static EchoServer start(HostsAccess access, InetSocketAddress bind) throws BindException {
        // One instance for every connection: the handler is immutable and @Sharable.
        HostsAccessHandler wrappers = new HostsAccessHandler(access, DAEMON);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try {
            Channel channel = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            // First in the pipeline: nothing behind it runs for a refused client.
                            ch.pipeline().addLast(wrappers, new LineBasedFrameDecoder(1024, false, false),
                                    new Echo());
                        }
                    })
                    .bind(bind).sync().channel();
            return new EchoServer(group, channel);
        } catch (Exception e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            if (e instanceof BindException b) {
                throw b;
            }
            throw new IllegalStateException("echo server could not start on " + bind + ": " + e, e);
        }
    }

    /** Where the server listens. */
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Stops listening, closes every connection and waits (at most 5 s) for the threads to end. */
    @Override
    public void close() {
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** Runs the server on {@code 127.0.0.1:[port]} with the rules of {@code rules/}, until killed. */
    public static void main(String[] args) throws Exception {
        int port = Launch.port(args, DEFAULT_PORT);
        HostsAccess access = ExampleRules.engine(ExampleRules.directory());
        EchoServer server = Launch.bound(() -> start(access, new InetSocketAddress("127.0.0.1", port)), "echo", port);
        System.out.println("echo server (Netty) on " + server.address() + ", rules in " + ExampleRules.DIRECTORY.toAbsolutePath());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            access.close();
        }));
        server.channel.closeFuture().sync();
    }

    /** Sends each line back. */
    private static final class Echo extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
            ctx.writeAndFlush(line.retain());
        }
    }
}
