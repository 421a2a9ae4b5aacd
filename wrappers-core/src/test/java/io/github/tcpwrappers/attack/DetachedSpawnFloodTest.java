/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.Mode;
import io.github.tcpwrappers.testing.Processes;
import io.github.tcpwrappers.value.CommandLimits;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18.7: {@code spawn (sleep 30) &}, the man page's own idiom, once escaped the process
 * bound (its shell exits at once, the background job was never counted nor killed): a paced flood
 * left 234 sleeps running. Now every command runs in a session of its own, which holds its slot
 * until it is empty and dies at the time limit and on close.
 */
class DetachedSpawnFloodTest {
    private static final int MAX_PROCESSES = 8;

    @TempDir
    Path dir;

    @Test
    void pacedFloodOfDetachedSpawnsKeepsAtMostTheLimitAliveAndCloseKillsThemAll() throws Exception {
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), "ALL: ALL: spawn (sleep 30.31) &\n");
        CommandLimits limits = CommandLimits.defaults().withMaxProcesses(MAX_PROCESSES).withStartsPerSecond(50);
        int decisions = 300;
        int peak;
        try (HostsAccess access = HostsAccess.builder().directory(dir).mode(Mode.LIBWRAP).commandLimits(limits).build();
             Processes.Peak sampler = Processes.peak("sleep", "30.31")) {
            for (int n = 0; n < decisions; n++) {
                AccessRequest request = AccessRequest.of("sshd",
                        new InetSocketAddress("127.0.1." + (n % 250 + 1), 40000), new InetSocketAddress("127.0.0.1", 22));
                assertTrue(access.check(request).toCompletableFuture().get(5, TimeUnit.SECONDS).denied());
                Thread.sleep(10); // paced: about 100 per second, over the start rate and the bound
            }
            Thread.sleep(300);
            int alive = Processes.alive("sleep", "30.31");
            peak = Math.max(sampler.max(), alive);
            System.out.printf("detached spawn flood: %d decisions, %d sleeps alive after the flood, peak %d%n",
                    decisions, alive, peak);
            assertEquals(MAX_PROCESSES, alive, "the bound is reached and held by the background jobs");
        }
        assertTrue(peak <= MAX_PROCESSES, "peak " + peak);
        assertEquals(0, Processes.awaitNone(Duration.ofSeconds(5), "sleep", "30.31"), "close() killed every session");
    }

    @Test
    void detachedChildDiesAtTheTimeLimit() throws Exception {
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), "ALL: ALL: spawn (sleep 30.32) &\n");
        CommandLimits limits = CommandLimits.defaults().withTimeout(Duration.ofMillis(500));
        try (HostsAccess access = HostsAccess.builder().directory(dir).mode(Mode.LIBWRAP).commandLimits(limits).build()) {
            access.check(AccessRequest.of("sshd", new InetSocketAddress("127.0.1.1", 40000),
                    new InetSocketAddress("127.0.0.1", 22))).toCompletableFuture().get(5, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (Processes.alive("sleep", "30.32") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, Processes.alive("sleep", "30.32"), "the background job runs");
            assertEquals(0, Processes.awaitNone(Duration.ofSeconds(5), "sleep", "30.32"), "killed at 500 ms");
        }
    }
}
