package io.github.tcpwrappers.benchmarks;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.grpc.HostsAccessInterceptor;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback load test that compares unary gRPC calls per second with and without
 * {@link HostsAccessInterceptor} in alternating short rounds, so that a noisy shared machine
 * slows both sides alike; prints the median rate of each side and the median of the per-round
 * ratios. Bounded: {@code rounds} pairs of {@code roundMillis} each.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.tcpwrappers.benchmarks.GrpcInterceptorLoad [rounds] [roundMillis] [threads]
 * </pre>
 */
public final class GrpcInterceptorLoad {
    private static final MethodDescriptor.Marshaller<String> UTF8 = new MethodDescriptor.Marshaller<>() {
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
    };

    private static final MethodDescriptor<String, String> SAY = MethodDescriptor.newBuilder(UTF8, UTF8)
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName("bench.Echo", "Say")).build();

    private GrpcInterceptorLoad() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        long roundMillis = args.length > 1 ? Long.parseLong(args[1]) : 1000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        if (rounds < 1 || rounds > 1000 || roundMillis < 100 || roundMillis > 60_000 || threads < 1 || threads > 256) {
            throw new IllegalArgumentException("rounds 1..1000, roundMillis 100..60000, threads 1..256");
        }
        Path dir = Files.createTempDirectory("grpc-load");
        StringBuilder allow = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            allow.append("bench: 10.").append(i / 250).append('.').append(i % 250).append(".0/24\n");
        }
        allow.append("bench: 127.0.0.1\n");
        Files.writeString(dir.resolve("hosts.allow"), allow);
        Files.writeString(dir.resolve("hosts.deny"), "ALL: ALL\n");
        try (HostsAccess access = HostsAccess.builder().directory(dir).build()) {
            Side plain = new Side("without", null);
            Side guarded = new Side("with", HostsAccessInterceptor.forDaemon(access, "bench"));
            try {
                // Warm both sides up before measuring.
                for (int i = 0; i < 3; i++) {
                    plain.run(roundMillis, threads);
                    guarded.run(roundMillis, threads);
                }
                double[] without = new double[rounds];
                double[] with = new double[rounds];
                double[] ratio = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    // Alternate which side goes first so drift does not favour one.
                    if (r % 2 == 0) {
                        without[r] = plain.run(roundMillis, threads);
                        with[r] = guarded.run(roundMillis, threads);
                    } else {
                        with[r] = guarded.run(roundMillis, threads);
                        without[r] = plain.run(roundMillis, threads);
                    }
                    ratio[r] = with[r] / without[r];
                    System.out.printf("round %2d: without %8.0f calls/s, with %8.0f calls/s, ratio %.3f%n",
                            r + 1, without[r], with[r], ratio[r]);
                }
                System.out.printf("median: without %.0f calls/s, with %.0f calls/s, median ratio %.3f "
                        + "(%d rounds of %d ms, %d client threads)%n",
                        median(without), median(with), median(ratio), rounds, roundMillis, threads);
            } finally {
                plain.close();
                guarded.close();
            }
        } finally {
            Files.deleteIfExists(dir.resolve("hosts.allow"));
            Files.deleteIfExists(dir.resolve("hosts.deny"));
            Files.deleteIfExists(dir);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** One server (with or without the interceptor) and one client channel to it. */
    private static final class Side {
        private final Server server;
        private final ManagedChannel channel;

        Side(String name, ServerInterceptor interceptor) throws IOException {
            ServerServiceDefinition echo = ServerServiceDefinition.builder("bench.Echo")
                    .addMethod(SAY, ServerCalls.asyncUnaryCall((request, response) -> {
                        response.onNext(request);
                        response.onCompleted();
                    }))
                    .build();
            NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(echo);
            if (interceptor != null) {
                builder.intercept(interceptor);
            }
            server = builder.build().start();
            int port = ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
            channel = NettyChannelBuilder.forAddress(new InetSocketAddress("127.0.0.1", port)).usePlaintext().build();
            if (!"hi".equals(ClientCalls.blockingUnaryCall(channel, SAY, CallOptions.DEFAULT, "hi"))) {
                throw new IllegalStateException(name + ": the client is not served");
            }
        }

        /** Calls per second over one round of {@code millis} with {@code threads} callers. */
        double run(long millis, int threads) throws InterruptedException {
            AtomicLong calls = new AtomicLong();
            CountDownLatch done = new CountDownLatch(threads);
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            List<Thread> callers = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                Thread caller = new Thread(() -> {
                    long mine = 0;
                    try {
                        while (System.nanoTime() < end) {
                            ClientCalls.blockingUnaryCall(channel, SAY, CallOptions.DEFAULT, "hi");
                            mine++;
                        }
                    } finally {
                        calls.addAndGet(mine);
                        done.countDown();
                    }
                });
                callers.add(caller);
                caller.start();
            }
            if (!done.await(millis + 30_000, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("callers did not finish");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return calls.get() / seconds;
        }

        void close() throws InterruptedException {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
