/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.examples;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.examples.quickstart.GrpcQuickStart;
import io.github.tcpwrappers.grpc.HostsAccessInterceptor;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC greeter ({@value #SERVICE}/SayHello, plain UTF-8 strings on the wire, no protoc)
 * guarded by {@link HostsAccessInterceptor} under the daemon name {@value #DAEMON}: a granted
 * client is greeted, a refused call is closed {@code PERMISSION_DENIED} with the rule's twist
 * output or banner as its description.
 *
 * <pre>{@code
 * cd examples && java -cp ... io.github.tcpwrappers.examples.GreeterServer [port]
 * }</pre>
 */
public final class GreeterServer implements AutoCloseable {
    /** The daemon name the rules give this server. */
    public static final String DAEMON = "greeter";
    /** The service's full name. */
    public static final String SERVICE = "helloworld.Greeter";
    /** The port {@link #main} listens on when given none. */
    public static final int DEFAULT_PORT = 15051;

    /**
     * {@code helloworld.Greeter/SayHello}: a name in, a greeting out, with plain UTF-8 messages
     * (the README's gRPC quick start defines it).
     */
    public static final MethodDescriptor<String, String> SAY_HELLO = GrpcQuickStart.SAY_HELLO;

    private final Server server;
    /** The application executor: the service runs here, and so do calls held for a lookup when they resume. */
    private final ExecutorService application;

    private GreeterServer(Server server, ExecutorService application) {
        this.application = application;
        this.server = server;
    }

    /**
     * Listens on {@code bind} (port 0: any free port) until closed.
     *
     * @throws IOException when the server cannot bind (its cause is a {@link java.net.BindException})
     */
    public static GreeterServer start(HostsAccess access, InetSocketAddress bind) throws IOException {
        ServerServiceDefinition greeter = GrpcQuickStart.greeter();
        ExecutorService application = Executors.newFixedThreadPool(4);
        Server server = NettyServerBuilder.forAddress(bind).executor(application)
                .addService(ServerInterceptors.intercept(greeter,
                        HostsAccessInterceptor.forDaemon(access, DAEMON, application)))
                .build()
                .start();
        return new GreeterServer(server, application);
    }

    /** Where the server listens. */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.getListenSockets().get(0);
    }

    /** Stops the server, cancelling calls still running after 2 s. */
    @Override
    public void close() {
        application.shutdown();
        server.shutdown();
        try {
            if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
                server.shutdownNow().awaitTermination(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the greeter on {@code 127.0.0.1:[port]} with the rules of {@code rules/}, until killed. */
    public static void main(String[] args) throws Exception {
        int port = Launch.port(args, DEFAULT_PORT);
        HostsAccess access = ExampleRules.engine(ExampleRules.directory());
        GreeterServer greeter = Launch.bound(() -> start(access, new InetSocketAddress("127.0.0.1", port)),
                "greeter", port);
        System.out.println("greeter (gRPC) on " + greeter.address() + ", rules in "
                + ExampleRules.DIRECTORY.toAbsolutePath());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            greeter.close();
            access.close();
        }));
        greeter.server.awaitTermination();
    }
}
