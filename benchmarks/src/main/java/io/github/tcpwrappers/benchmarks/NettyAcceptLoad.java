/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The same measurement as {@link NettyAcceptBenchmark}, interleaved for a shared, noisy machine:
 * the three servers (no filter, HostsAccessHandler with 10,000 rules, RuleBasedIpFilter with the
 * same 10,000 addresses) run side by side, and each round times a batch of connections to each in
 * turn, so a burst of load from elsewhere hits all three alike. Prints each server's median rate
 * and the median of the per-round ratios to the unfiltered server.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.tcpwrappers.benchmarks.NettyAcceptLoad [rounds] [batch]
 * </pre>
 */
public final class NettyAcceptLoad {
    private NettyAcceptLoad() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        String[] names = {"none", "hosts-access", "rule-based-ip-filter"};
        List<NettyAcceptBenchmark> servers = new ArrayList<>();
        for (String name : names) {
            NettyAcceptBenchmark server = new NettyAcceptBenchmark();
            server.filter = name;
            server.start();
            servers.add(server);
        }
        NettyAcceptBenchmark.Client client = new NettyAcceptBenchmark.Client();
        try {
            // warm-up: the JIT sees every path before timing starts
            for (int i = 0; i < 3; i++) {
                for (NettyAcceptBenchmark server : servers) {
                    time(server, client, batch);
                }
            }
            double[][] rates = new double[names.length][rounds];
            double[][] cpu = new double[names.length][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < names.length; k++) {
                    int s = (r + k) % names.length; // rotate who goes first
                    long cpuBefore = servers.get(s).serverCpuNanos();
                    rates[s][r] = time(servers.get(s), client, batch);
                    cpu[s][r] = (servers.get(s).serverCpuNanos() - cpuBefore) / 1e3 / batch;
                }
            }
            System.out.printf(Locale.ROOT, "rounds=%d batch=%d connections per second (median of rounds)%n", rounds,
                    batch);
            for (int s = 0; s < names.length; s++) {
                double[] ratio = new double[rounds];
                double[] more = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    ratio[r] = rates[s][r] / rates[0][r];
                    more[r] = cpu[s][r] - cpu[0][r];
                }
                // The paired difference: a burst from elsewhere moves both servers of a round alike.
                System.out.printf(Locale.ROOT, "%-22s %8.0f /s  (min %6.0f, max %6.0f)  ratio to none: %.3f"
                        + "  server CPU per connection: %.1f us (median), %+.1f us over none (median of rounds)%n",
                        names[s], median(rates[s]), min(rates[s]), max(rates[s]), median(ratio), median(cpu[s]),
                        median(more));
            }
        } finally {
            for (NettyAcceptBenchmark server : servers) {
                server.stop();
            }
        }
    }

    private static double time(NettyAcceptBenchmark server, NettyAcceptBenchmark.Client client, int batch)
            throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < batch; i++) {
            server.connect(client);
        }
        return batch / ((System.nanoTime() - start) / 1e9);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

}
