/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.redis.RedisList;
import io.github.tcpwrappers.testing.RedisServer;
import io.github.tcpwrappers.value.ListEntry;
import io.github.tcpwrappers.value.Network;
import com.sun.management.ThreadMXBean;
import io.lettuce.core.RedisURI;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongUnaryOperator;

/**
 * Where one reading engine's CPU goes in a Redis ban storm: a real redis-server on loopback, one
 * engine bound to a {@link RedisList}, and a writer {@code RedisList} in this JVM writing
 * {@code bans} bans in bursts of 100 every 10 ms (as {@link FleetBanLoad}'s storm does), {@code
 * rounds} times. Per round: the time until the engine holds them all, the updates that took, and
 * the CPU and the bytes allocated per ban by each of the reader's threads (Lettuce's event loop, the source's thread, the
 * engine's list and fold threads), told from the writer's by thread id (the reader's exist
 * before the writer starts).
 *
 * <pre>
 * java -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -cp benchmarks/target/benchmarks.jar \
 *     io.github.tcpwrappers.benchmarks.RedisStormCpu [bans] [rounds]
 * </pre>
 */
public final class RedisStormCpu {
    private RedisStormCpu() {
    }

    public static void main(String[] args) throws Exception {
        int bans = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path list = RuleFiles.banListRules("redis-storm-cpu-");
        Path dir = list.getParent();
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (RedisServer redis = RedisServer.start(dir.resolve("redis"), false);
                HostsAccess access = HostsAccess.builder().directory(dir)
                        .bindList(list, RedisList.builder(RedisURI.create(redis.uri())).build()).build()) {
            if (!access.awaitLists(Duration.ofSeconds(30))) {
                throw new IllegalStateException("no list: " + access.lists());
            }
            Set<Long> reader = new HashSet<>();
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && info.getThreadId() != Thread.currentThread().getId()) { // this one writes
                    reader.add(info.getThreadId());
                }
            }
            try (RedisList writer = RedisList.builder(RedisURI.create(redis.uri())).build()) {
                for (int round = 0; round < rounds; round++) {
                    Map<String, Long> before = cpu(threads, reader);
                    Map<String, Long> allocatedBefore = allocated(threads, reader);
                    long updates = access.lists().get(0).updates();
                    long t0 = System.nanoTime();
                    List<CompletableFuture<Void>> written = new ArrayList<>(bans);
                    Instant expires = Instant.now().plus(Duration.ofHours(1));
                    for (int i = 0; i < bans; i++) {
                        Network n = Network.parse("10." + round + "." + (i / 250 % 250) + "." + (i % 250 + 1));
                        ListEntry ban = new ListEntry(n, expires, "redis-storm-cpu", "bench");
                        written.add(writer.ban(ban).toCompletableFuture());
                        if (i % 100 == 99) {
                            Thread.sleep(10);
                        }
                    }
                    CompletableFuture.allOf(written.toArray(CompletableFuture[]::new)).join();
                    while (access.lists().get(0).entries() < (round + 1) * bans) {
                        Thread.sleep(1);
                    }
                    long held = System.nanoTime() - t0;
                    Thread.sleep(300); // the fold the round started ends before its thread is counted
                    Map<String, Long> after = cpu(threads, reader);
                    Map<String, Long> allocatedAfter = allocated(threads, reader);
                    StringBuilder perThread = new StringBuilder();
                    after.forEach((name, nanos) -> {
                        long spent = nanos - before.getOrDefault(name, 0L);
                        long bytes = allocatedAfter.getOrDefault(name, 0L) - allocatedBefore.getOrDefault(name, 0L);
                        if (spent > 0) {
                            perThread.append(String.format(Locale.ROOT, "  %s %.1f us %d B", name, spent / 1e3 / bans,
                                    bytes / bans));
                        }
                    });
                    System.out.printf(Locale.ROOT, "round %d: %d bans held after %.0f ms in %d updates; reader's CPU"
                            + " and allocation per ban:%s (load average %s)%n", round, bans, held / 1e6,
                            access.lists().get(0).updates() - updates, perThread,
                            Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
                }
            }
        } finally {
            RuleFiles.deleteTree(dir); // the rules and the Redis directory
        }
    }

    /**
     * CPU nanoseconds by thread kind (digits in names dropped) of the reader's threads: those in
     * {@code reader}, and the engine's list threads, started later (the fold thread ends when idle).
     */
    private static Map<String, Long> cpu(ThreadMXBean threads, Set<Long> reader) {
        return byKind(threads, reader, id -> Math.max(0, threads.getThreadCpuTime(id)));
    }

    /** Bytes allocated by thread kind, as {@link #cpu} counts CPU. */
    private static Map<String, Long> allocated(ThreadMXBean threads, Set<Long> reader) {
        return byKind(threads, reader, id -> Math.max(0, threads.getThreadAllocatedBytes(id)));
    }

    private static Map<String, Long> byKind(ThreadMXBean threads, Set<Long> reader, LongUnaryOperator count) {
        Map<String, Long> out = new TreeMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            String name = info.getThreadName();
            if (reader.contains(info.getThreadId()) || name.startsWith("hosts-access-list")) {
                String kind = name.startsWith("hosts-access-list-fold") ? "hosts-access-list-fold"
                        : name.replaceAll("[0-9]+", "#");
                out.merge(kind, count.applyAsLong(info.getThreadId()), Long::sum);
            }
        }
        return out;
    }
}
