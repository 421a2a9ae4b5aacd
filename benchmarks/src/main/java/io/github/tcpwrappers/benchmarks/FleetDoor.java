/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import io.grpc.Attributes;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The three doors of {@link FleetBanLoad}'s fleet, as {@link FleetServer} runs them. */
enum FleetDoor {
    /** {@code HostsAccessHandler}: a served connection is greeted with {@link #GREETING}, a refused one closed. */
    NETTY,
    /** {@code HostsAccessFilter} in Jetty: 200 served, 403 refused. */
    SERVLET,
    /** {@code HostsAccessInterceptor} on grpc-netty: {@code Say} answered, or PERMISSION_DENIED. */
    GRPC;

    /** What the Netty door writes to a served connection. */
    static final String GREETING = "ok\n";
    /** The gRPC door's method. */
    static final MethodDescriptor<String, String> SAY = GrpcEcho.say("fleet.Echo");
    private static final int TIMEOUT_MS = 5000;

    /**
     * A client of the doors, from a chosen 127.x.y.z source address, one new connection per
     * question (so each is decided: a door decides at connect time). Holds the gRPC clients'
     * event loop; close it when done.
     */
    static final class Client implements AutoCloseable {
        private final EventLoopGroup grpcLoop = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

        /**
         * Whether {@code door} at {@code server} served a new connection from {@code from}
         * ({@code false}: refused it).
         *
         * @throws IOException when it did neither (no connection, an unexpected answer): no refusal
         */
        boolean served(FleetDoor door, String from, InetSocketAddress server) throws IOException {
            return switch (door) {
                case NETTY -> greeted(from, server);
                case SERVLET -> httpOk(from, server);
                case GRPC -> called(from, server);
            };
        }

        private static Socket connect(String from, InetSocketAddress server) throws IOException {
            Socket socket = new Socket();
            try {
                socket.setSoLinger(true, 0); // hundreds of thousands of probes: no TIME_WAIT pile-up
                socket.bind(new InetSocketAddress(from, 0));
                socket.connect(server, TIMEOUT_MS);
                socket.setSoTimeout(TIMEOUT_MS);
                return socket;
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }

        private static boolean greeted(String from, InetSocketAddress server) throws IOException {
            try (Socket socket = connect(from, server)) {
                InputStream in = socket.getInputStream();
                byte[] buf = new byte[GREETING.length()];
                try {
                    int n = in.readNBytes(buf, 0, buf.length);
                    return n == buf.length && new String(buf, StandardCharsets.US_ASCII).equals(GREETING);
                } catch (SocketException reset) {
                    return false; // the door closed on it
                }
            }
        }

        private static boolean httpOk(String from, InetSocketAddress server) throws IOException {
            try (Socket socket = connect(from, server)) {
                socket.getOutputStream().write(("GET / HTTP/1.0\r\nHost: 127.0.0.1:" + server.getPort() + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                if (answer.startsWith("HTTP/1.1 200 ") || answer.startsWith("HTTP/1.0 200 ")) {
                    return true;
                }
                if (answer.startsWith("HTTP/1.1 403 ") || answer.startsWith("HTTP/1.0 403 ")) {
                    return false;
                }
                throw new IOException("neither 200 nor 403 from " + server + ": "
                        + answer.lines().findFirst().orElse("(nothing)"));
            }
        }

        private boolean called(String from, InetSocketAddress server) throws IOException {
            ManagedChannel channel = NettyChannelBuilder.forAddress(server).usePlaintext()
                    .eventLoopGroup(grpcLoop).channelType(NioSocketChannel.class).directExecutor()
                    .localSocketPicker(new NettyChannelBuilder.LocalSocketPicker() {
                        @Override
                        public SocketAddress createSocketAddress(SocketAddress remote, Attributes attrs) {
                            return new InetSocketAddress(from, 0);
                        }
                    }).build();
            try {
                ClientCalls.blockingUnaryCall(channel, SAY,
                        CallOptions.DEFAULT.withDeadlineAfter(TIMEOUT_MS, TimeUnit.MILLISECONDS), "hi");
                return true;
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() == Status.Code.PERMISSION_DENIED) {
                    return false;
                }
                throw new IOException("neither OK nor PERMISSION_DENIED from " + server + ": " + e.getStatus(), e);
            } finally {
                channel.shutdownNow();
                try {
                    channel.awaitTermination(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void close() {
            grpcLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
