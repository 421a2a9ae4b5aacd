/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import com.sun.management.ThreadMXBean;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.grpc.HostsAccessInterceptor;
import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What {@link HostsAccessInterceptor#interceptCall} costs on a connection already decided, and
 * what a granted call's {@code sendMessage} costs through it: the calling thread's own allocated
 * bytes and CPU time per call and per message: one thread, no network, so the
 * figures are exact (bytes) and barely moved by a loaded machine (CPU), unlike a loopback load.
 * Each call is completed at once, so the running-call registry stays empty (the JMH
 * {@link GrpcInterceptorOverheadBenchmark} leaves its calls running).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.tcpwrappers.benchmarks.GrpcInterceptCallCost [rounds] [calls]
 * </pre>
 */
public final class GrpcInterceptCallCost {
    private static final ServerCall.Listener<String> SERVICE = new ServerCall.Listener<>() {
    };

    private GrpcInterceptCallCost() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        if (rounds < 1 || rounds > 1000 || calls < 1000) {
            throw new IllegalArgumentException("rounds 1..1000, calls at least 1000");
        }
        Path dir = RuleFiles.allowListBeforeDenyAll("bench");
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (HostsAccess access = HostsAccess.builder().directory(dir).reloadInterval(Duration.ofHours(1)).build()) {
            HostsAccessInterceptor interceptor = HostsAccessInterceptor.forDaemon(access, "bench", Runnable::run);
            GrpcInterceptorOverheadBenchmark.IdleCall call = new GrpcInterceptorOverheadBenchmark.IdleCall(Attributes.newBuilder()
                    .set(Grpc.TRANSPORT_ATTR_REMOTE_ADDR, new InetSocketAddress("127.0.0.1", 40000))
                    .set(Grpc.TRANSPORT_ATTR_LOCAL_ADDR, new InetSocketAddress("127.0.0.1", 50051)).build());
            Metadata headers = new Metadata();
            ServerCallHandler<String, String> service = (c, h) -> SERVICE;
            double[] bytes = new double[rounds];
            double[] nanos = new double[rounds];
            for (int r = -3; r < rounds; r++) { // three rounds of warm-up
                long bytes0 = threads.getCurrentThreadAllocatedBytes();
                long cpu0 = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < calls; i++) {
                    interceptor.interceptCall(call, headers, service).onComplete();
                }
                if (r >= 0) {
                    bytes[r] = (threads.getCurrentThreadAllocatedBytes() - bytes0) / (double) calls;
                    nanos[r] = (threads.getCurrentThreadCpuTime() - cpu0) / (double) calls;
                }
            }
            Arrays.sort(bytes);
            Arrays.sort(nanos);
            System.out.printf("interceptCall on a decided connection: median %.1f B/call (min %.1f, max %.1f), "
                    + "median %.1f ns CPU/call (%d rounds of %d calls)%n", bytes[rounds / 2], bytes[0],
                    bytes[rounds - 1], nanos[rounds / 2], rounds, calls);
            // The per-message path: what the service sends goes through the interceptor's guarded call.
            AtomicReference<ServerCall<String, String>> granted = new AtomicReference<>();
            ServerCall.Listener<String> running = interceptor.interceptCall(call, headers, (c, h) -> {
                granted.set(c);
                return SERVICE;
            });
            ServerCall<String, String> guarded = granted.get();
            for (int r = -3; r < rounds; r++) {
                long bytes0 = threads.getCurrentThreadAllocatedBytes();
                long cpu0 = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < calls; i++) {
                    guarded.sendMessage("m");
                }
                if (r >= 0) {
                    bytes[r] = (threads.getCurrentThreadAllocatedBytes() - bytes0) / (double) calls;
                    nanos[r] = (threads.getCurrentThreadCpuTime() - cpu0) / (double) calls;
                }
            }
            running.onComplete();
            Arrays.sort(bytes);
            Arrays.sort(nanos);
            System.out.printf("sendMessage on a granted call: median %.1f B/message (min %.1f, max %.1f), "
                    + "median %.1f ns CPU/message (%d rounds of %d messages)%n", bytes[rounds / 2], bytes[0],
                    bytes[rounds - 1], nanos[rounds / 2], rounds, calls);
        } finally {
            Files.deleteIfExists(dir.resolve("hosts.allow"));
            Files.deleteIfExists(dir.resolve("hosts.deny"));
            Files.deleteIfExists(dir);
        }
    }
}
