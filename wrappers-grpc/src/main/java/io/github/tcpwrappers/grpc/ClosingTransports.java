/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.grpc;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.OpenConnections;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ServerChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A grpc-netty server channel factory whose accepted connections (transports) are shut down when a
 * verdict change denies their client (a ban, or a reload with {@code endOpenConnectionsOnReload(true)}):
 * an HTTP/2 GOAWAY through grpc's handler, then the socket after {@link #GRACE} at the latest.
 * {@link HostsAccessInterceptor} ends the calls, but grpc-java gives an interceptor no handle on the
 * transport. Needs grpc-netty on the class path; {@code daemon} is the interceptor's.
 *
 * <pre>{@code
 * Server server = NettyServerBuilder.forAddress(new InetSocketAddress(50051))
 *     .channelFactory(ClosingTransports.wrap(access, "greeter", NioServerSocketChannel::new))
 *     .bossEventLoopGroup(boss).workerEventLoopGroup(workers)   // grpc-netty wants all three, or none
 *     .executor(app).intercept(HostsAccessInterceptor.forDaemon(access, "greeter", app))
 *     .addService(greeter).build().start();
 * }</pre>
 */
public final class ClosingTransports {
    /** The longest a denied connection may take to end its streams after the GOAWAY. */
    public static final Duration GRACE = Duration.ofMillis(500);

    private ClosingTransports() {
    }

    /**
     * {@return a factory for {@code NettyServerBuilder.channelFactory}: server channels made by
     * {@code channels} (NIO, epoll, io_uring, ...) whose denied connections are closed}
     * @param access the engine whose verdict changes end connections
     * @param daemon the daemon name the interceptor asks about
     * @param channels makes the server channels
     */
    public static ChannelFactory<ServerChannel> wrap(HostsAccess access, String daemon,
            ChannelFactory<? extends ServerChannel> channels) {
        String name = AccessRequest.requireDaemonName(daemon);
        OpenConnections<Channel> open = OpenConnections.of(access, ClosingTransports::close);
        Objects.requireNonNull(channels, "channels");
        // First in the server channel's pipeline: it sees every accepted connection before grpc's
        // acceptor starts the transport on it, and keeps it among the open ones until it closes.
        return () -> {
            ServerChannel server = channels.newChannel();
            server.pipeline().addFirst(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    if (msg instanceof Channel connection) {
                        // Not decided yet (the interceptor decides on the first call): nothing to catch up on.
                        open.add(connection, AccessRequest.of(name, connection.remoteAddress(),
                                connection.localAddress()), access.verdictChanges());
                        connection.closeFuture().addListener(f -> open.remove(connection));
                    }
                    ctx.fireChannelRead(msg);
                }
            });
            return server;
        };
    }

    /** GOAWAY (grpc's handler sends it on close), then the socket itself if still open after the grace. */
    private static void close(Channel connection) {
        connection.close();
        connection.eventLoop().schedule(() -> {
            ChannelHandlerContext first = connection.pipeline().firstContext();
            if (connection.isOpen() && first != null) {
                // From the first handler outward is only Netty's head: the socket closes, no handler waits.
                first.close();
            }
        }, GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }
}
