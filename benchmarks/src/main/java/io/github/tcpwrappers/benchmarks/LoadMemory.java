/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import io.github.tcpwrappers.files.FileAccess;
import io.github.tcpwrappers.files.RuleLoader;
import io.github.tcpwrappers.spi.AccountNames;
import io.github.tcpwrappers.spi.NetgroupResolver;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Set;

/**
 * Heap retained by one loaded snapshot of a {@code rules}-line hosts.deny: used heap after
 * repeated full GCs with the snapshot held, minus the same without it. Also times that load
 * (wall and the loading thread's CPU). Run with a fixed heap so that the collector has no
 * reason to keep garbage: {@code java -Xms2g -Xmx2g -XX:+UseParallelGC -cp benchmarks.jar
 * io.github.tcpwrappers.benchmarks.LoadMemory [rules] [options]} where {@code options} is a
 * rule suffix such as {@code ": spawn echo %a"} (default: none).
 */
public final class LoadMemory {
    private LoadMemory() {
    }

    public static void main(String[] args) throws Exception {
        int rules = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        String suffix = args.length > 1 ? args[1] : "";
        Path dir = RuleFiles.denyList(rules, suffix);
        RuleLoader loader = new RuleLoader(FileAccess.system(), AccountNames.of(Set.of(), Set.of()), NetgroupResolver.NONE);
        // Warm up the loading code so that its classes and JIT state are in the baseline.
        for (int i = 0; i < 3; i++) {
            loader.load(dir.resolve("hosts.allow"), dir.resolve("hosts.deny"));
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long before = usedAfterGc(memory);
        long c0 = threads.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        Object held = loader.load(dir.resolve("hosts.allow"), dir.resolve("hosts.deny"));
        long wall = System.nanoTime() - w0;
        long cpu = threads.getCurrentThreadCpuTime() - c0;
        long after = usedAfterGc(memory);
        long retained = after - before;
        System.out.printf("%d rules%s: retained %.1f MB, %.1f B per rule; that load: wall %.1f ms, CPU %.1f ms%n",
                rules, suffix.isEmpty() ? "" : " (suffix \"" + suffix + "\")", retained / 1e6,
                (double) retained / rules, wall / 1e6, cpu / 1e6);
        if (held.hashCode() == 42) {
            System.out.print(""); // keeps the snapshot reachable up to here
        }
    }

    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
