/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.examples.quickstart;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.grpc.HostsAccessInterceptor;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A gRPC server whose services obey /etc/hosts.allow and /etc/hosts.deny, each under its full
 * name: {@code helloworld.Greeter : 10.0.0.0/8}. Bring your own (protoc-generated) services;
 * this one is built by hand so the file needs no code generation.
 */
public final class GrpcQuickStart {
    public static void main(String[] args) throws Exception {
        Path rules = Path.of(args.length > 0 ? args[0] : "/etc");
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 50051;
        ExecutorService application = Executors.newFixedThreadPool(8);
        try (HostsAccess access = HostsAccess.builder().directory(rules).build()) {
            start(access, new InetSocketAddress(port), greeter(), application).awaitTermination();
        } finally {
            application.shutdown();
        }
    }

    /**
     * Starts the server on {@code address} with the interceptor in front of every service. The
     * services run on {@code application}, and so do calls the interceptor held for a lookup.
     */
    public static Server start(HostsAccess access, InetSocketAddress address, ServerServiceDefinition service,
            Executor application) throws IOException {
        HostsAccessInterceptor wrappers = HostsAccessInterceptor.perService(access, application);
        return NettyServerBuilder.forAddress(address)
                .executor(application)
                .addService(service)
                // Ties each decision to its connection: decided once, forgotten when it closes.
                .addTransportFilter(wrappers.transportFilter())
                .intercept(wrappers)
                .build()
                .start();
    }

    /** helloworld.Greeter/SayHello with plain UTF-8 messages. */
    public static final MethodDescriptor<String, String> SAY_HELLO = MethodDescriptor.<String, String>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("helloworld.Greeter/SayHello")
            .setRequestMarshaller(new Utf8())
            .setResponseMarshaller(new Utf8())
            .build();

    /** The service: SayHello answers {@code Hello, <name>!}. */
    public static ServerServiceDefinition greeter() {
        return ServerServiceDefinition.builder("helloworld.Greeter")
                .addMethod(SAY_HELLO, ServerCalls.asyncUnaryCall((name, reply) -> {
                    reply.onNext("Hello, " + name + "!");
                    reply.onCompleted();
                }))
                .build();
    }

    private static final class Utf8 implements MethodDescriptor.Marshaller<String> {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
