/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import io.github.tcpwrappers.MemoryListSource;
import io.github.tcpwrappers.lists.LiveList;
import io.github.tcpwrappers.value.ListEntry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A bound list of many entries: heap per entry once in force, the time to put a whole snapshot
 * in force, and the time to apply deltas of 10,000 on top of it, one after another (off the
 * decision path: on the source's thread, while decisions read the list in force; folds of the
 * overlay into the base run meanwhile on the list's fold thread; the last 20 of 40 show the delta
 * path compiled). The deltas come one every {@code GAP} milliseconds (default 100: 100,000 bans a
 * second, ten times the storm of issue 22; 0: back to back, faster than a fold of the base keeps
 * up with, so the overlay grows). Each snapshot starts after a GC, so it pays for its own garbage only. Times are wall clock and the applying thread's CPU
 * time: on a shared machine the load inflates the first, much less the second.
 *
 * <pre>
 * java -Xmx3g -cp benchmarks/target/benchmarks.jar io.github.tcpwrappers.benchmarks.ListMemory 1000000 [GAP]
 * </pre>
 */
public final class ListMemory {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final int DELTAS = 40;
    /** The last deltas, once the delta path is compiled: what a server that has been running sees. */
    private static final int WARM = 20;

    private ListMemory() {
    }

    private interface Entries {
        List<ListEntry> of(int from, int n, long seed);
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long gap = args.length > 1 ? Long.parseLong(args[1]) : 100;
        run("IPv4 /32", n, gap, ListEntries::ipv4);
        run("IPv6 /64", n, gap, ListEntries::ipv6);
    }

    private static void run(String family, int n, long gap, Entries make) {
        List<ListEntry> entries = make.of(0, n, 1);
        LiveList list = new LiveList(Path.of("/etc/hosts.ban"), MemoryListSource.named("bench"), Clock.systemUTC(),
                n * 2, change -> { }, false);
        double load0 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long before = usedAfterGc(); // the entries as objects, and an empty list
        long[] first = timed(() -> list.replace(entries));
        long after = usedAfterGc(); // the same objects, and the list in force
        double perEntry = (after - before) / (double) n;
        long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
        for (int i = 0; i < 3; i++) {
            usedAfterGc();
            long[] t = timed(() -> list.replace(entries));
            best[0] = Math.min(best[0], t[0]);
            best[1] = Math.min(best[1], t[1]);
        }
        List<List<ListEntry>> deltas = new ArrayList<>();
        for (int i = 0; i < DELTAS; i++) {
            deltas.add(make.of(n + 10_000 * i, 10_000, 4 + i));
        }
        usedAfterGc();
        long[] wall = new long[DELTAS];
        long[] cpu = new long[DELTAS];
        long next = System.nanoTime();
        for (int i = 0; i < DELTAS; i++) {
            List<ListEntry> delta = deltas.get(i);
            pause(next - System.nanoTime());
            next = System.nanoTime() + gap * 1_000_000;
            long[] t = timed(() -> list.update(delta, List.of()));
            wall[i] = t[0];
            cpu[i] = t[1];
        }
        double load1 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf("%s, %,d entries (load average %.1f .. %.1f): heap %.1f B/entry (%,d B)%n", family, n, load0,
                load1, perEntry, after - before);
        System.out.printf("  snapshot in force: first %.0f ms (%.0f ms CPU), best of 3 %.0f ms (%.0f ms CPU)%n",
                first[0] / 1e6, first[1] / 1e6, best[0] / 1e6, best[1] / 1e6);
        long[] warmWall = Arrays.copyOfRange(wall, DELTAS - WARM, DELTAS);
        long[] warmCpu = Arrays.copyOfRange(cpu, DELTAS - WARM, DELTAS);
        System.out.printf("  %d deltas of 10,000, one every %d ms: first %.1f ms (%.1f ms CPU), median %.1f ms (%.1f ms CPU),"
                + " worst %.1f ms (%.1f ms CPU); the last %d: median %.1f ms (%.1f ms CPU), worst %.1f ms (%.1f ms CPU);"
                + " %,d entries held%n", DELTAS, gap, wall[0] / 1e6, cpu[0] / 1e6, median(wall) / 1e6, median(cpu) / 1e6,
                max(wall) / 1e6, max(cpu) / 1e6, WARM, median(warmWall) / 1e6, median(warmCpu) / 1e6, max(warmWall) / 1e6,
                max(warmCpu) / 1e6, list.status().entries());
    }

    /** Wall and this thread's CPU nanoseconds of {@code step}. */
    private static long[] timed(Runnable step) {
        long c = CPU.getCurrentThreadCpuTime();
        long t = System.nanoTime();
        step.run();
        return new long[] {System.nanoTime() - t, CPU.getCurrentThreadCpuTime() - c};
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long max(long[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    private static void pause(long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            pause(50_000_000);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
