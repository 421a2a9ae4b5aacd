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
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback load test that compares unary gRPC calls with and without
 * {@link HostsAccessInterceptor} on one grpc-netty server (127.0.0.1) and one client channel:
 * the server has the same echo service twice, once intercepted; every client thread alternates
 * between the two, call by call, so that a noisy shared machine slows both alike. For each round
 * it prints each side's rate (calls divided by the time the threads spent in that side's calls)
 * and their ratio, and the process's CPU time per pair of calls (client and server, both sides:
 * the figure a loaded machine moves least); at the end the medians. Bounded: {@code rounds} rounds of {@code roundMillis}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.tcpwrappers.benchmarks.GrpcInterceptorLoad [rounds] [roundMillis] [threads]
 * </pre>
 */
public final class GrpcInterceptorLoad {
    private static final MethodDescriptor<String, String> PLAIN = GrpcEcho.say("bench.Plain");
    private static final MethodDescriptor<String, String> GUARDED = GrpcEcho.say("bench.Guarded");

    private GrpcInterceptorLoad() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        long roundMillis = args.length > 1 ? Long.parseLong(args[1]) : 1000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        if (rounds < 1 || rounds > 1000 || roundMillis < 100 || roundMillis > 60_000 || threads < 1 || threads > 256) {
            throw new IllegalArgumentException("rounds 1..1000, roundMillis 100..60000, threads 1..256");
        }
        Path dir = RuleFiles.allowListBeforeDenyAll("bench");
        Server server = null;
        ManagedChannel channel = null;
        try (HostsAccess access = HostsAccess.builder().directory(dir).build()) {
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(GrpcEcho.service(PLAIN))
                    .addService(ServerInterceptors.intercept(GrpcEcho.service(GUARDED),
                            HostsAccessInterceptor.forDaemon(access, "bench", GrpcEcho.RESUME)))
                    .build().start();
            int port = ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
            channel = NettyChannelBuilder.forAddress(new InetSocketAddress("127.0.0.1", port)).usePlaintext().build();
            for (var method : List.of(PLAIN, GUARDED)) {
                if (!"hi".equals(ClientCalls.blockingUnaryCall(channel, method, CallOptions.DEFAULT, "hi"))) {
                    throw new IllegalStateException(method.getServiceName() + ": the client is not served");
                }
            }
            for (int i = 0; i < 5; i++) {
                round(channel, roundMillis, threads); // warm-up
            }
            double[] without = new double[rounds];
            double[] with = new double[rounds];
            double[] ratio = new double[rounds];
            double[] cpuPerPair = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                double[] rates = round(channel, roundMillis, threads);
                without[r] = rates[0];
                with[r] = rates[1];
                ratio[r] = with[r] / without[r];
                cpuPerPair[r] = rates[2];
                System.out.printf("round %2d: without %8.0f calls/s, with %8.0f calls/s, ratio %.3f, "
                        + "CPU %.1f us per pair%n", r + 1, without[r], with[r], ratio[r], cpuPerPair[r] / 1e3);
            }
            System.out.printf("median: without %.0f calls/s, with %.0f calls/s, median ratio %.3f, "
                    + "CPU %.1f us per pair (%d rounds of %d ms, %d client threads)%n",
                    median(without), median(with), median(ratio), median(cpuPerPair) / 1e3, rounds, roundMillis,
                    threads);
        } finally {
            if (channel != null) {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            if (server != null) {
                server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(dir.resolve("hosts.allow"));
            Files.deleteIfExists(dir.resolve("hosts.deny"));
            Files.deleteIfExists(dir);
        }
    }

    /**
     * One round: every thread alternates a plain and a guarded call until the time is up. A
     * side's rate is its calls over the time the threads spent in its calls, divided among them;
     * the third figure is the process's CPU nanoseconds per pair.
     */
    private static double[] round(ManagedChannel channel, long millis, int threads) throws InterruptedException {
        AtomicLong calls = new AtomicLong();
        AtomicLong plainNanos = new AtomicLong();
        AtomicLong guardedNanos = new AtomicLong();
        CountDownLatch done = new CountDownLatch(threads);
        OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
        long cpu0 = os.getProcessCpuTime();
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (int t = 0; t < threads; t++) {
            boolean plainFirst = t % 2 == 0;
            Thread caller = new Thread(() -> {
                long pairs = 0;
                long plain = 0;
                long guarded = 0;
                try {
                    while (System.nanoTime() < end) {
                        for (int k = 0; k < 2; k++) {
                            boolean usePlain = (k == 0) == plainFirst;
                            long t0 = System.nanoTime();
                            ClientCalls.blockingUnaryCall(channel, usePlain ? PLAIN : GUARDED, CallOptions.DEFAULT, "hi");
                            long took = System.nanoTime() - t0;
                            if (usePlain) {
                                plain += took;
                            } else {
                                guarded += took;
                            }
                        }
                        pairs++;
                    }
                } finally {
                    calls.addAndGet(pairs);
                    plainNanos.addAndGet(plain);
                    guardedNanos.addAndGet(guarded);
                    done.countDown();
                }
            });
            caller.start();
        }
        if (!done.await(millis + 30_000, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("callers did not finish");
        }
        long cpu = os.getProcessCpuTime() - cpu0;
        double perSide = calls.get();
        return new double[] {
            perSide / (plainNanos.get() / 1e9 / threads),
            perSide / (guardedNanos.get() / 1e9 / threads),
            cpu / perSide,
        };
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
