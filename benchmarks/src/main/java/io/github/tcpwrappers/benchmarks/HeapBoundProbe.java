/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.RulesRejectedException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What loading a hosts.deny of N single-address rules costs in heap, or that it is refused
 * (issue 18 item 6). Public API only, so the same source runs against an older core.
 *
 * <pre>
 * java -Xmx1g -cp "benchmarks/target/benchmarks.jar" io.github.tcpwrappers.benchmarks.HeapBoundProbe 500000
 * </pre>
 */
public final class HeapBoundProbe {
    private HeapBoundProbe() {
    }

    public static void main(String[] args) throws Exception {
        int rules = Integer.parseInt(args[0]);
        Path dir = RuleFiles.denyList(rules);
        long before = usedAfterGc();
        long start = System.nanoTime();
        try (HostsAccess access = HostsAccess.builder().directory(dir).build()) {
            long after = usedAfterGc();
            System.out.printf(Locale.ROOT, "%d rules loaded in %d ms; heap in use %.0f -> %.0f MiB (max %.0f MiB)%n",
                    access.status().ruleCount(), (System.nanoTime() - start) / 1_000_000, mib(before), mib(after),
                    mib(Runtime.getRuntime().maxMemory()));
        } catch (RulesRejectedException e) {
            System.out.printf(Locale.ROOT, "refused in %d ms: %s; heap in use %.0f -> %.0f MiB%n",
                    (System.nanoTime() - start) / 1_000_000, e.problems().get(0), mib(before), mib(usedAfterGc()));
        } catch (OutOfMemoryError e) {
            System.out.printf(Locale.ROOT, "OutOfMemoryError after %d ms: %s%n", (System.nanoTime() - start) / 1_000_000, e);
        } finally {
            Files.deleteIfExists(dir.resolve("hosts.allow"));
            Files.deleteIfExists(dir.resolve("hosts.deny"));
            Files.deleteIfExists(dir);
        }
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double mib(long bytes) {
        return bytes / (double) (1 << 20);
    }
}
