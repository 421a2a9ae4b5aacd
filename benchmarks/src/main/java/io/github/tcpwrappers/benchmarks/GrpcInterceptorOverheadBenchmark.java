/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.grpc.HostsAccessInterceptor;
import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@link HostsAccessInterceptor} adds to starting one call on an already decided
 * connection, measured without a network: {@code interceptCall} against a handler that returns
 * at once, beside calling that handler directly. The wire benchmarks
 * ({@link GrpcInterceptorBenchmark}, {@link GrpcInterceptorLoad}) put the figure next to a whole
 * loopback call.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar GrpcInterceptorOverheadBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class GrpcInterceptorOverheadBenchmark {
    private static final MethodDescriptor<String, String> SAY = GrpcEcho.say("bench.Echo");

    /** The transport side of a call never sent: only what the interceptor reads (also {@link GrpcInterceptCallCost}'s). */
    static final class IdleCall extends ServerCall<String, String> {
        private final Attributes attributes;

        IdleCall(Attributes attributes) {
            this.attributes = attributes;
        }

        @Override
        public void request(int numMessages) {
        }

        @Override
        public void sendHeaders(Metadata headers) {
        }

        @Override
        public void sendMessage(String message) {
        }

        @Override
        public void close(Status status, Metadata trailers) {
            throw new IllegalStateException("the benchmark's client was refused: " + status);
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public Attributes getAttributes() {
            return attributes;
        }

        @Override
        public MethodDescriptor<String, String> getMethodDescriptor() {
            return SAY;
        }
    }

    private static final ServerCall.Listener<String> LISTENER = new ServerCall.Listener<>() {
    };
    private static final ServerCallHandler<String, String> HANDLER = (call, headers) -> LISTENER;

    private Path dir;
    private HostsAccess access;
    private HostsAccessInterceptor daemon;
    private HostsAccessInterceptor service;
    private IdleCall call;
    private final Metadata headers = new Metadata();

    @Setup(Level.Trial)
    public void start() throws IOException {
        dir = RuleFiles.allowListBeforeDenyAll("bench bench.Echo");
        access = HostsAccess.builder().directory(dir).build();
        daemon = HostsAccessInterceptor.forDaemon(access, "bench", GrpcEcho.RESUME);
        service = HostsAccessInterceptor.perService(access, GrpcEcho.RESUME);
        call = new IdleCall(Attributes.newBuilder()
                .set(Grpc.TRANSPORT_ATTR_REMOTE_ADDR, new InetSocketAddress("127.0.0.1", 40000))
                .set(Grpc.TRANSPORT_ATTR_LOCAL_ADDR, new InetSocketAddress("127.0.0.1", 50051))
                .build());
    }

    @Benchmark
    public ServerCall.Listener<String> handlerAlone() {
        return HANDLER.startCall(call, headers);
    }

    @Benchmark
    public ServerCall.Listener<String> throughForDaemon() {
        return daemon.interceptCall(call, headers, HANDLER);
    }

    @Benchmark
    public ServerCall.Listener<String> throughPerService() {
        return service.interceptCall(call, headers, HANDLER);
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        access.close();
        Files.deleteIfExists(dir.resolve("hosts.allow"));
        Files.deleteIfExists(dir.resolve("hosts.deny"));
        Files.deleteIfExists(dir);
    }
}
