/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.MemoryListSource;
import io.github.tcpwrappers.value.ListEntry;
import io.github.tcpwrappers.value.Network;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one engine pays for a storm that arrives one ban at a time, as {@code RedisList} delivers
 * pub/sub messages (one {@code ListSink.update} each): {@code bans} single-entry bans in a row
 * on a bound in-process list that starts with {@code base} entries (one snapshot, default 0),
 * {@code rounds} times (the list grows by {@code bans} a round),
 * timed on this thread (wall and CPU time), with no source and no network in the way. Explains {@link FleetBanLoad}'s
 * storm convergence: multiply by the bans and divide the cores among the servers.
 *
 * <pre>
 * java -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp benchmarks/target/benchmarks.jar \
 *     io.github.tcpwrappers.benchmarks.SingleBanUpdates [bans] [rounds] [base]
 * </pre>
 */
public final class SingleBanUpdates {
    private SingleBanUpdates() {
    }

    public static void main(String[] args) throws Exception {
        int bans = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int base = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        Path list = RuleFiles.banListRules("single-ban-updates-");
        Path dir = list.getParent();
        MemoryListSource source = MemoryListSource.named("storm");
        try (HostsAccess access = HostsAccess.builder().directory(dir).bindList(list, source).build()) {
            if (!access.awaitLists(Duration.ofSeconds(10))) {
                throw new IllegalStateException("no list: " + access.lists());
            }
            Instant expires = Instant.now().plus(Duration.ofHours(1));
            List<ListEntry> snapshot = new ArrayList<>(base);
            for (int i = 0; i < base; i++) {
                snapshot.add(new ListEntry(Network.parse("11." + (i >>> 16 & 0xFF) + "." + (i >>> 8 & 0xFF) + "." + (i & 0xFF)),
                        expires, "single-ban-updates", "base"));
            }
            source.replace(snapshot);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (int round = 0; round < rounds; round++) {
                long t0 = System.nanoTime();
                long cpu0 = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < bans; i++) {
                    source.ban(new ListEntry(Network.parse("10." + round + "." + (i / 250 % 250) + "." + (i % 250 + 1)),
                            expires, "single-ban-updates", "bench"));
                }
                long took = System.nanoTime() - t0;
                long cpu = threads.getCurrentThreadCpuTime() - cpu0;
                System.out.printf(Locale.ROOT, "round %d: %d single-ban updates in %.0f ms (%.0f us each, %.0f us of CPU),"
                        + " list of %d after it (load average %s)%n", round, bans, took / 1e6, took / 1e3 / bans,
                        cpu / 1e3 / bans,
                        access.lists().get(0).entries(), Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
            }
        } finally {
            Files.deleteIfExists(list);
            Files.deleteIfExists(dir.resolve("hosts.allow"));
            Files.deleteIfExists(dir.resolve("hosts.deny"));
            Files.deleteIfExists(dir);
        }
    }
}
