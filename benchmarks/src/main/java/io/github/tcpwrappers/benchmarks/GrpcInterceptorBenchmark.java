/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.grpc.HostsAccessInterceptor;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Unary gRPC calls per second over loopback (grpc-netty server on 127.0.0.1, one client
 * channel), through {@link HostsAccessInterceptor} and without it. The rules hold a thousand
 * lines for other clients before the one that admits the benchmark's client.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar GrpcInterceptorBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(8)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 2, jvmArgsAppend = "-Xmx1g")
public class GrpcInterceptorBenchmark {
    private static final MethodDescriptor<String, String> SAY = GrpcEcho.say("bench.Echo");

    /** {@code none}: no interceptor; {@code daemon}: forDaemon("bench"); {@code service}: perService. */
    @Param({"none", "daemon", "service"})
    public String interceptor;

    private Path dir;
    private HostsAccess access;
    private Server server;
    private ManagedChannel channel;

    @Setup(Level.Trial)
    public void start() throws IOException {
        dir = RuleFiles.allowListBeforeDenyAll("bench bench.Echo");
        access = HostsAccess.builder().directory(dir).build();

        ServerServiceDefinition echo = GrpcEcho.service(SAY);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(echo);
        switch (interceptor) {
            case "none" -> { }
            case "daemon" -> builder.intercept(HostsAccessInterceptor.forDaemon(access, "bench", GrpcEcho.RESUME));
            case "service" -> builder.intercept(HostsAccessInterceptor.perService(access, GrpcEcho.RESUME));
            default -> throw new IllegalArgumentException("interceptor: " + interceptor);
        }
        server = builder.build().start();
        int port = ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
        channel = NettyChannelBuilder.forAddress(new InetSocketAddress("127.0.0.1", port)).usePlaintext().build();
        if (!"hi".equals(call())) {
            throw new IllegalStateException("the benchmark's client is not served");
        }
    }

    @Benchmark
    public String unaryCall() {
        return call();
    }

    private String call() {
        return ClientCalls.blockingUnaryCall(channel, SAY, CallOptions.DEFAULT, "hi");
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        access.close();
        Files.deleteIfExists(dir.resolve("hosts.allow"));
        Files.deleteIfExists(dir.resolve("hosts.deny"));
        Files.deleteIfExists(dir);
    }
}
