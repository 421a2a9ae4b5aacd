/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.effects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.DecisionLog;
import io.github.tcpwrappers.EngineInternals;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.value.CommandLimits;
import io.github.tcpwrappers.value.Decision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/**
 * 10,000 denied decisions within one second on a spawn rule: no more processes than the bounds
 * allow, no decision waits, no thread or process left behind, and every drop reported.
 */
class SpawnFloodTest {
    private static final int DECISIONS = 10_000;
    private static final int MAX_PROCESSES = 8;
    private static final int STARTS_PER_SECOND = 20;

    @TempDir
    Path dir;

    private static int liveThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).count();
    }

    private static long runnerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("tcpwrappers-commands@")).count();
    }

    @Test
    void floodOfDeniedConnectionsStartsNoMoreThanTheBoundAndReportsTheDrops() throws Exception {
        Path record = dir.resolve("started");
        CapturingLogger runnerLog = new CapturingLogger();
        CommandLimits limits = CommandLimits.defaults().withMaxProcesses(MAX_PROCESSES)
                .withStartsPerSecond(STARTS_PER_SECOND).withReportInterval(Duration.ofMillis(500));
        ProcessRunner runner = ProcessRunner.create(limits, runnerLog);
        HostsAccess.Builder builder = EngineInternals.processRunner(Rules.files(dir, "",
                        "ALL: ALL: spawn echo %a >> " + record + "; sleep 0.3\n"), runner)
                .decisionLog(DecisionLog.builder().logger(new CapturingLogger(Level.ERROR)).build());
        int threadsBefore = liveThreads();
        int maxChildren = 0;
        int maxThreads = 0;
        long started = System.nanoTime();
        try (HostsAccess access = builder.build()) {
            // As fast as one thread can ask; the bounds below use the time it really took.
            for (int n = 0; n < DECISIONS; n++) {
                AccessRequest request = Rules.request("sshd", "127.0." + (n / 250) + "." + (n % 250 + 1));
                CompletableFuture<Decision> decision = access.check(request).toCompletableFuture();
                assertTrue(decision.isDone(), "a spawn rule never makes a decision wait");
                assertTrue(decision.join().denied());
                if (n % 500 == 0) {
                    maxChildren = Math.max(maxChildren, (int) ProcessHandle.current().children().count());
                    maxThreads = Math.max(maxThreads, liveThreads());
                }
            }
            double floodSeconds = (System.nanoTime() - started) / 1e9;

            ProcessRunnerTest.await("every spawned command to finish", Duration.ofSeconds(20),
                    () -> runner.running() == 0 && ProcessHandle.current().children().findAny().isEmpty());
            long startedProcesses = Files.readAllLines(record).size();
            long dropped = runner.droppedSpawns();
            System.out.printf("spawn flood: %d decisions in %.2f s, %d spawns started, %d dropped, "
                    + "at most %d children and %d threads (%d before)%n", DECISIONS, floodSeconds, startedProcesses,
                    dropped, maxChildren, maxThreads, threadsBefore);

            assertEquals(DECISIONS, startedProcesses + dropped, "every spawn was started or dropped");
            assertTrue(startedProcesses >= 1, "spawns start at all");
            // The bucket starts full and refills at the rate while the flood lasts.
            long rateBound = STARTS_PER_SECOND + (long) Math.ceil(floodSeconds * STARTS_PER_SECOND);
            assertTrue(startedProcesses <= rateBound, startedProcesses + " started, bound " + rateBound);
            assertTrue(maxChildren <= MAX_PROCESSES, "children at once: " + maxChildren);
            // The runner's starter and timer threads, and the JDK's process reapers: one per live
            // child, plus idle ones of children just gone that the JDK keeps for a while.
            assertTrue(maxThreads <= threadsBefore + 2 + 2 * MAX_PROCESSES, "threads: " + maxThreads);

            ProcessRunnerTest.await("every drop reported", Duration.ofSeconds(5),
                    () -> ProcessRunnerTest.reported(runnerLog) == dropped);
            assertTrue(runnerLog.containing("spawn limit reached").size() <= 1 + 2 * (int) Math.ceil(floodSeconds + 1),
                    "reports at most once per 500 ms interval");
        } finally {
            runner.close();
        }
        ProcessRunnerTest.await("the runner threads to end", Duration.ofSeconds(10), () -> runnerThreads() == 0);
        assertEquals(0, ProcessHandle.current().descendants().count(), "processes left behind");
        assertTrue(liveThreads() <= threadsBefore + MAX_PROCESSES,
                "threads after: " + liveThreads() + ", before: " + threadsBefore + " (idle JDK reapers may linger)");
    }
}
