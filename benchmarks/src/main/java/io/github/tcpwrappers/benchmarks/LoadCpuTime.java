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
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

/**
 * Parse + compile of a {@code rules}-line hosts.deny, timed by the loading thread's own CPU
 * time as well as by the wall clock: on a shared, loaded machine the CPU time is the steadier
 * figure. Usage: {@code java -cp benchmarks.jar io.github.tcpwrappers.benchmarks.LoadCpuTime [rules] [rounds]}.
 */
public final class LoadCpuTime {
    private LoadCpuTime() {
    }

    public static void main(String[] args) {
        int rules = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path dir = RuleFiles.denyList(rules);
        RuleLoader loader = new RuleLoader(FileAccess.system(), AccountNames.of(Set.of(), Set.of()), NetgroupResolver.NONE);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 10; i++) {
            loader.load(dir.resolve("hosts.allow"), dir.resolve("hosts.deny"));
        }
        long[] cpu = new long[rounds];
        long[] wall = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            loader.load(dir.resolve("hosts.allow"), dir.resolve("hosts.deny"));
            wall[i] = System.nanoTime() - w0;
            cpu[i] = threads.getCurrentThreadCpuTime() - c0;
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        System.out.printf("load of %d rules, %d rounds: median CPU %.1f ms (min %.1f), median wall %.1f ms (min %.1f)%n",
                rules, rounds, cpu[rounds / 2] / 1e6, cpu[0] / 1e6, wall[rounds / 2] / 1e6, wall[0] / 1e6);
    }
}
