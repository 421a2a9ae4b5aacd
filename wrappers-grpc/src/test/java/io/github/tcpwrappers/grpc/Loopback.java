/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.grpc;

import io.github.tcpwrappers.grpc.testing.GrpcStrings;
import io.github.tcpwrappers.value.Decision;
import io.github.tcpwrappers.value.RuleLocation;
import io.grpc.Attributes;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServerTransportFilter;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A real grpc-netty server on 127.0.0.1 with two hand-built services (no protoc), and clients
 * whose sockets bind a chosen loopback address.
 */
final class Loopback implements AutoCloseable {
    /** The servers' application executor, where the interceptor resumes held calls (daemon threads). */
    static final ExecutorService APPLICATION = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "grpc-test-application");
        thread.setDaemon(true);
        return thread;
    });

    static final MethodDescriptor<String, String> SAY = GrpcStrings.method("test.Echo", "Say", MethodDescriptor.MethodType.UNARY);
    static final MethodDescriptor<String, String> COUNT = GrpcStrings.method("test.Echo", "Count",
            MethodDescriptor.MethodType.SERVER_STREAMING);
    static final MethodDescriptor<String, String> COLLECT = GrpcStrings.method("test.Echo", "Collect",
            MethodDescriptor.MethodType.CLIENT_STREAMING);
    static final MethodDescriptor<String, String> PING = GrpcStrings.method("test.Admin", "Ping", MethodDescriptor.MethodType.UNARY);
    /** Answers what the service read from {@link HostsAccessInterceptor#DECISION}: rule and options. */
    static final MethodDescriptor<String, String> ADMITTED = GrpcStrings.method("test.Admin", "Admitted",
            MethodDescriptor.MethodType.UNARY);

    private final Server server;
    private final AtomicInteger served;
    private final List<ManagedChannel> channels = new ArrayList<>();

    private final String host;

    private Loopback(String host, Server server, AtomicInteger served) {
        this.host = host;
        this.server = server;
        this.served = served;
    }

    /** Starts a server whose every call goes through {@code interceptor}, after {@code filters}. */
    static Loopback start(ServerInterceptor interceptor, ServerTransportFilter... filters) throws IOException {
        return start(interceptor, false, filters);
    }

    static Loopback start(ServerInterceptor interceptor, boolean directExecutor, ServerTransportFilter... filters)
            throws IOException {
        return start("127.0.0.1", interceptor, directExecutor, filters);
    }

    /** Starts a server listening on {@code host} (127.0.0.1 or ::1). */
    static Loopback start(String host, ServerInterceptor interceptor, boolean directExecutor,
            ServerTransportFilter... filters) throws IOException {
        return start(host, interceptor, directExecutor, builder -> { }, filters);
    }

    /** The same, with the builder {@code configured} further (its channels, event loops) before it starts. */
    static Loopback start(String host, ServerInterceptor interceptor, boolean directExecutor,
            Consumer<NettyServerBuilder> configured, ServerTransportFilter... filters)
            throws IOException {
        AtomicInteger served = new AtomicInteger();
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, 0))
                .addService(echo(served)).addService(admin(served));
        configured.accept(builder);
        if (interceptor != null) {
            builder.intercept(interceptor);
        }
        for (ServerTransportFilter filter : filters) {
            builder.addTransportFilter(filter);
        }
        if (directExecutor) {
            builder.directExecutor();
        }
        return new Loopback(host, builder.build().start(), served);
    }

    /** How many times the services' code ran. */
    int servedCount() {
        return served.get();
    }

    private static ServerServiceDefinition echo(AtomicInteger served) {
        return ServerServiceDefinition.builder("test.Echo")
                .addMethod(SAY, ServerCalls.asyncUnaryCall((request, response) -> {
                    served.incrementAndGet();
                    response.onNext("hello " + request);
                    response.onCompleted();
                }))
                .addMethod(COUNT, ServerCalls.asyncServerStreamingCall((request, response) -> {
                    served.incrementAndGet();
                    for (int i = 0; i < Integer.parseInt(request); i++) {
                        response.onNext(Integer.toString(i));
                    }
                    response.onCompleted();
                }))
                .addMethod(COLLECT, ServerCalls.asyncClientStreamingCall(response -> {
                    served.incrementAndGet();
                    List<String> received = new ArrayList<>();
                    return new StreamObserver<String>() {
                        @Override
                        public void onNext(String value) {
                            received.add(value);
                        }

                        @Override
                        public void onError(Throwable t) {
                        }

                        @Override
                        public void onCompleted() {
                            response.onNext(received.size() + " " + String.join(",", received));
                            response.onCompleted();
                        }
                    };
                }))
                .build();
    }

    private static ServerServiceDefinition admin(AtomicInteger served) {
        return ServerServiceDefinition.builder("test.Admin")
                .addMethod(PING, ServerCalls.asyncUnaryCall((request, response) -> {
                    served.incrementAndGet();
                    response.onNext("pong");
                    response.onCompleted();
                }))
                .addMethod(ADMITTED, ServerCalls.asyncUnaryCall((request, response) -> {
                    served.incrementAndGet();
                    Decision decision = HostsAccessInterceptor.DECISION.get();
                    response.onNext(decision == null ? "no decision in the context"
                            : decision.granted() + " " + decision.rule().map(RuleLocation::toString).orElse("default")
                                    + " " + decision.options().stream().map(o -> o.name() + "=" + o.value())
                                            .collect(Collectors.joining(",")));
                    response.onCompleted();
                }))
                .build();
    }

    int port() {
        return ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
    }

    /** A channel to the server whose socket binds {@code clientAddress} (any 127.x.y.z, or ::1). */
    ManagedChannel channel(String clientAddress) {
        ManagedChannel channel = NettyChannelBuilder.forAddress(new InetSocketAddress(host, port()))
                .usePlaintext()
                .localSocketPicker(new NettyChannelBuilder.LocalSocketPicker() {
                    @Override
                    public SocketAddress createSocketAddress(SocketAddress remote, Attributes attrs) {
                        return new InetSocketAddress(clientAddress, 0);
                    }
                })
                .build();
        channels.add(channel);
        return channel;
    }

    static CallOptions deadline() {
        return CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    static String say(ManagedChannel channel, String text) {
        return ClientCalls.blockingUnaryCall(channel, SAY, deadline(), text);
    }

    static String admitted(ManagedChannel channel) {
        return ClientCalls.blockingUnaryCall(channel, ADMITTED, deadline(), "");
    }

    static String ping(ManagedChannel channel) {
        return ClientCalls.blockingUnaryCall(channel, PING, deadline(), "ping");
    }

    static List<String> count(ManagedChannel channel, int n) {
        Iterator<String> replies = ClientCalls.blockingServerStreamingCall(channel, COUNT, deadline(),
                Integer.toString(n));
        List<String> all = new ArrayList<>();
        replies.forEachRemaining(all::add);
        return all;
    }

    /** Sends {@code messages} on a client-streaming call at once, half-closes, and waits for the reply. */
    static String collect(ManagedChannel channel, List<String> messages) throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        StreamObserver<String> requests = collecting(channel, reply);
        messages.forEach(requests::onNext);
        requests.onCompleted();
        try {
            return reply.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Starts a client-streaming call whose reply (or failure) completes {@code reply}; the caller sends. */
    static StreamObserver<String> collecting(ManagedChannel channel, CompletableFuture<String> reply) {
        return ClientCalls.asyncClientStreamingCall(
                channel.newCall(COLLECT, deadline()), new StreamObserver<String>() {
                    @Override
                    public void onNext(String value) {
                        reply.complete(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        reply.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        reply.complete("no reply");
                    }
                });
    }

    @Override
    public void close() {
        channels.forEach(ManagedChannel::shutdownNow);
        server.shutdownNow();
        try {
            for (ManagedChannel channel : channels) {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            }
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
