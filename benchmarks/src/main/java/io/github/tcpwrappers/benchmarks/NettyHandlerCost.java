/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import com.sun.management.ThreadMXBean;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.Mode;
import io.github.tcpwrappers.netty.HostsAccessHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * What {@link HostsAccessHandler} costs one accepted connection in CPU and allocation, without the
 * kernel: {@link NettyAcceptLoad}'s servers and rules (10,000-line hosts.deny, every client
 * allowed, the application greets with one byte), on embedded channels that carry real IP
 * addresses, so the figure is the handler's own work (decision, registry of open channels, its
 * removal from the pipeline, close) and not the tens of microseconds the socket calls take and
 * vary by. Rounds alternate between a pipeline with the handler and one without; prints the
 * median of the per-round differences, from the main thread's CPU time and allocated bytes.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.tcpwrappers.benchmarks.NettyHandlerCost [rounds] [batch]
 * </pre>
 */
public final class NettyHandlerCost {
    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 7);

    private NettyHandlerCost() {
    }

    /** An embedded channel with a real client address, so the rules see an IP client. */
    private static final class IpChannel extends EmbeddedChannel {
        private final InetSocketAddress client;

        IpChannel(InetSocketAddress client, ChannelHandler... handlers) {
            super(DefaultChannelId.newInstance(), false, false, handlers);
            this.client = client;
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return client;
        }

        @Override
        protected SocketAddress localAddress0() {
            return SERVER;
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        Path dir = Files.createTempDirectory("netty-cost");
        StringBuilder deny = new StringBuilder(NettyAcceptBenchmark.RULES * 20);
        for (int i = 1; i <= NettyAcceptBenchmark.RULES; i++) {
            deny.append("echo: ").append(NettyAcceptBenchmark.ruleAddress(i)).append('\n');
        }
        Files.writeString(dir.resolve("hosts.allow"), "", StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("hosts.deny"), deny, StandardCharsets.US_ASCII);
        InetSocketAddress[] clients = new InetSocketAddress[200];
        for (int i = 0; i < clients.length; i++) {
            clients[i] = new InetSocketAddress("127.0.1." + (i + 1), 40_000 + i);
        }
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (HostsAccess access = HostsAccess.builder().directory(dir).mode(Mode.STRICT).build()) {
            HostsAccessHandler handler = new HostsAccessHandler(access, "echo");
            double[][] cpu = new double[2][rounds];
            double[][] bytes = new double[2][rounds];
            for (int r = -5; r < rounds; r++) { // five rounds of warm-up
                for (int k = 0; k < 2; k++) {
                    int with = (Math.max(r, 0) + k) % 2; // rotate who goes first
                    long cpuBefore = threads.getCurrentThreadCpuTime();
                    long bytesBefore = threads.getCurrentThreadAllocatedBytes();
                    for (int i = 0; i < batch; i++) {
                        connect(with == 1 ? new IpChannel(clients[i % clients.length], handler,
                                new NettyAcceptBenchmark.Greeter())
                                : new IpChannel(clients[i % clients.length], new NettyAcceptBenchmark.Greeter()));
                    }
                    if (r >= 0) {
                        cpu[with][r] = (threads.getCurrentThreadCpuTime() - cpuBefore) / 1e3 / batch;
                        bytes[with][r] = (threads.getCurrentThreadAllocatedBytes() - bytesBefore) / (double) batch;
                    }
                }
            }
            double[] cpuMore = new double[rounds];
            double[] bytesMore = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                cpuMore[r] = cpu[1][r] - cpu[0][r];
                bytesMore[r] = bytes[1][r] - bytes[0][r];
            }
            System.out.printf(Locale.ROOT, "rounds=%d batch=%d  without handler %.3f us %.0f B, with %.3f us %.0f B per"
                    + " connection; the handler: +%.3f us CPU, +%.0f B (medians of per-round differences)%n", rounds,
                    batch, median(cpu[0]), median(bytes[0]), median(cpu[1]), median(bytes[1]), median(cpuMore),
                    median(bytesMore));
        } finally {
            Files.delete(dir.resolve("hosts.allow"));
            Files.delete(dir.resolve("hosts.deny"));
            Files.delete(dir);
        }
    }

    /** One connection: active, greeted (through the handler when it is there), closed. */
    private static void connect(IpChannel channel) throws Exception {
        channel.register();
        Object greeting = channel.readOutbound();
        if (greeting == null || channel.pipeline().get(HostsAccessHandler.class) != null) {
            throw new IllegalStateException("the connection was not admitted");
        }
        ReferenceCountUtil.release(greeting);
        channel.close();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
