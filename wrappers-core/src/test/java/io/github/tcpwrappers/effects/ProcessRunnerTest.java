/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.effects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.value.Command;
import io.github.tcpwrappers.value.CommandLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

class ProcessRunnerTest {
    @TempDir
    Path dir;

    private final CapturingLogger log = new CapturingLogger();

    static Command sh(String text) {
        return new Command(text, Map.of(), 0, OptionalInt.empty());
    }

    /** Polls until {@code done} holds; fails after {@code limit}. */
    static void await(String what, Duration limit, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Reads a file a command writes as {@code X.tmp} and renames, once it is there. */
    static List<String> awaitFile(Path file) throws InterruptedException, IOException {
        await(file.toString(), Duration.ofSeconds(10), () -> Files.exists(file));
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }

    @Test
    void spawnRunsShellWithNullStdioInheritedEnvironmentAndSetenv() throws Exception {
        Path out = dir.resolve("out");
        // The shell's own descriptors, read before anything is redirected.
        Command command = new Command("fds=$(readlink /proc/$$/fd/0 /proc/$$/fd/1 /proc/$$/fd/2);"
                + " { echo \"$WHO\"; echo \"$fds\"; echo \"${PATH:+inherited}\"; } > " + out + ".tmp;"
                + " mv " + out + ".tmp " + out,
                Map.of("WHO", "client 127.0.0.2"), 0, OptionalInt.empty());
        try (ProcessRunner runner = ProcessRunner.create(CommandLimits.defaults(), log)) {
            assertTrue(runner.spawn(command));
            assertEquals(List.of("client 127.0.0.2", "/dev/null", "/dev/null", "/dev/null", "inherited"), awaitFile(out));
        }
    }

    @Test
    void niceAndUmaskApplyToTheCommand() throws Exception {
        Process base = new ProcessBuilder("nice").start();
        int baseNiceness = Integer.parseInt(new String(base.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim());
        Path out = dir.resolve("out");
        Command command = new Command("{ umask; nice; } > " + out + ".tmp; mv " + out + ".tmp " + out, Map.of(), 5,
                OptionalInt.of(027));
        try (ProcessRunner runner = ProcessRunner.create(CommandLimits.defaults(), log)) {
            assertTrue(runner.spawn(command));
            assertEquals(List.of("0027", Integer.toString(Math.min(19, baseNiceness + 5))), awaitFile(out));
        }
        assertEquals(List.of("/usr/bin/nice", "-n", "5", "/bin/sh", "-c", "umask 027; x"),
                ShellCommand.argv(new Command("x", Map.of(), 5, OptionalInt.of(027))).stream()
                        .map(a -> a.endsWith("/nice") ? "/usr/bin/nice" : a).toList());
        assertEquals(List.of("/bin/sh", "-c", "x"), ShellCommand.argv(sh("x")));
    }

    @Test
    void commandPastTheTimeoutIsKilledWithItsDescendants() throws Exception {
        Path pid = dir.resolve("pid");
        CommandLimits limits = CommandLimits.defaults().withTimeout(Duration.ofMillis(500));
        try (ProcessRunner runner = ProcessRunner.create(limits, log)) {
            CompletableFuture<Integer> status = runner.exitStatus(
                    sh("sleep 60 & echo $! > " + pid + ".tmp; mv " + pid + ".tmp " + pid + "; wait")).toCompletableFuture();
            long sleeper = Long.parseLong(awaitFile(pid).get(0).trim());
            assertTrue(ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false), "sleep is running");
            int exit = status.get(10, TimeUnit.SECONDS);
            assertTrue(exit != 0, "a killed command reports failure, got " + exit);
            await("sleep " + sleeper + " to die", Duration.ofSeconds(10),
                    () -> ProcessHandle.of(sleeper).map(p -> !p.isAlive()).orElse(true));
            assertEquals(0, runner.running());
        }
        assertEquals(1, log.containing("killed with its session").size(), log.entries().toString());
    }

    @Test
    void spawnsOverTheProcessBoundAreDroppedCountedAndReported() throws Exception {
        CommandLimits limits = CommandLimits.defaults().withMaxProcesses(2).withStartsPerSecond(1000)
                .withReportInterval(Duration.ofMillis(300));
        try (ProcessRunner runner = ProcessRunner.create(limits, log)) {
            int accepted = 0;
            for (int i = 0; i < 10; i++) {
                if (runner.spawn(sh("sleep 3"))) {
                    accepted++;
                }
            }
            assertEquals(2, accepted);
            assertEquals(8, runner.droppedSpawns());
            assertTrue(runner.running() <= 2);
            // The first drop is reported at once and the rest within the next interval, so a slow
            // machine may split the eight over two reports; together they name every drop once.
            await("reports naming all eight drops", Duration.ofSeconds(5), () -> reported(log) == 8);
            List<CapturingLogger.Entry> reports = log.at(Level.WARN);
            assertTrue(reports.size() <= 2, reports.toString());
            assertEquals(8L, reports.get(reports.size() - 1).kv("droppedTotal"));
            for (CapturingLogger.Entry report : reports) {
                assertTrue(report.message().startsWith("spawn limit reached: dropped " + report.kv("dropped") + " spawn commands"),
                        report.message());
            }
        }
    }

    @Test
    void spawnsOverTheStartRateAreDropped() throws Exception {
        long[] now = {0};
        CommandLimits limits = CommandLimits.defaults().withMaxProcesses(100).withStartsPerSecond(5);
        try (ProcessRunner runner = new ProcessRunner(limits, log, () -> now[0])) {
            int accepted = 0;
            for (int i = 0; i < 50; i++) {
                accepted += runner.spawn(sh("true")) ? 1 : 0;
            }
            assertEquals(5, accepted);
            now[0] += 400_000_000L; // 0.4 s refills two starts
            accepted = 0;
            for (int i = 0; i < 50; i++) {
                accepted += runner.spawn(sh("true")) ? 1 : 0;
            }
            assertEquals(2, accepted);
            assertEquals(93, runner.droppedSpawns());
        }
    }

    @Test
    void dropsAreReportedAtMostOncePerInterval() throws Exception {
        CommandLimits limits = CommandLimits.defaults().withMaxProcesses(1).withStartsPerSecond(1000)
                .withReportInterval(Duration.ofMillis(400));
        long started = System.nanoTime();
        try (ProcessRunner runner = ProcessRunner.create(limits, log)) {
            assertTrue(runner.spawn(sh("sleep 5")));
            long end = System.nanoTime() + 1_000_000_000L;
            while (System.nanoTime() < end) {
                runner.spawn(sh("true"));
                Thread.sleep(1);
            }
            long dropped = runner.droppedSpawns();
            await("every drop reported", Duration.ofSeconds(5), () -> reported(log) == dropped);
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            List<CapturingLogger.Entry> reports = log.containing("spawn limit reached");
            assertTrue(reports.size() >= 2, "drops for 1 s with a 400 ms interval: " + reports.size());
            assertTrue(reports.size() <= 1 + elapsedMs / 400, reports.size() + " reports in " + elapsedMs + " ms");
        }
    }

    static long reported(CapturingLogger log) {
        return log.containing("spawn limit reached").stream().mapToLong(e -> (Long) e.kv("dropped")).sum();
    }

    @Test
    void aclexecReportsExitStatusAndWaitsForASlotInABoundedQueue() throws Exception {
        CommandLimits limits = CommandLimits.defaults().withMaxProcesses(1).withMaxWaiting(1);
        try (ProcessRunner runner = ProcessRunner.create(limits, log)) {
            CompletableFuture<Integer> first = runner.exitStatus(sh("sleep 1; exit 0")).toCompletableFuture();
            CompletableFuture<Integer> second = runner.exitStatus(sh("exit 4")).toCompletableFuture();
            CompletableFuture<Integer> third = runner.exitStatus(sh("exit 0")).toCompletableFuture();
            ExecutionException refused = assertThrows(ExecutionException.class, () -> third.get(5, TimeUnit.SECONDS));
            assertInstanceOf(RejectedExecutionException.class, refused.getCause());
            assertTrue(refused.getCause().getMessage().contains("queue full"), refused.getCause().getMessage());
            assertFalse(second.isDone(), "the second waits for the first");
            assertEquals(0, first.get(10, TimeUnit.SECONDS));
            assertEquals(4, second.get(10, TimeUnit.SECONDS));
            // While an aclexec waits, spawns do not take its slot.
            CompletableFuture<Integer> holder = runner.exitStatus(sh("sleep 1")).toCompletableFuture();
            CompletableFuture<Integer> waiting = runner.exitStatus(sh("exit 0")).toCompletableFuture();
            assertFalse(runner.spawn(sh("true")));
            assertEquals(0, holder.get(10, TimeUnit.SECONDS));
            assertEquals(0, waiting.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void closeKillsRunningCommandsFailsWaitingOnesAndEndsTheThread() throws Exception {
        Path pid = dir.resolve("pid");
        ProcessRunner runner = ProcessRunner.create(CommandLimits.defaults().withMaxProcesses(1), log);
        assertTrue(runner.spawn(sh("echo $$ > " + pid + ".tmp; mv " + pid + ".tmp " + pid + "; sleep 60")));
        long shell = Long.parseLong(awaitFile(pid).get(0).trim());
        CompletableFuture<Integer> waiting = runner.exitStatus(sh("exit 0")).toCompletableFuture();
        assertTrue(threadsNamed("tcpwrappers-commands@") >= 1);
        runner.close();
        ExecutionException failed = assertThrows(ExecutionException.class, () -> waiting.get(5, TimeUnit.SECONDS));
        assertInstanceOf(RejectedExecutionException.class, failed.getCause());
        await("the spawned shell to die", Duration.ofSeconds(10),
                () -> ProcessHandle.of(shell).map(p -> !p.isAlive()).orElse(true));
        await("the runner thread to end", Duration.ofSeconds(10), () -> threadsNamed("tcpwrappers-commands@") == 0);
        assertFalse(runner.spawn(sh("true")));
        assertThrows(ExecutionException.class, () -> runner.exitStatus(sh("true")).toCompletableFuture().get());
    }

    @Test
    void commandThatCannotStartIsLoggedAndFreesItsSlot() throws Exception {
        CommandLimits limits = CommandLimits.defaults().withMaxProcesses(1);
        try (ProcessRunner runner = ProcessRunner.create(limits, log)) {
            // A NUL byte cannot cross exec(2): ProcessBuilder refuses to start it.
            CompletableFuture<Integer> status = runner.exitStatus(
                    new Command("true", Map.of("BAD", "a\0b"), 0, OptionalInt.empty())).toCompletableFuture();
            ExecutionException failed = assertThrows(ExecutionException.class, () -> status.get(5, TimeUnit.SECONDS));
            assertInstanceOf(RejectedExecutionException.class, failed.getCause());
            assertEquals(1, log.containing("cannot start command").size());
            assertEquals(0, runner.exitStatus(sh("exit 0")).toCompletableFuture().get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void limitsRefuseNonsense() {
        assertThrows(IllegalArgumentException.class, () -> CommandLimits.defaults().withMaxProcesses(0));
        assertThrows(IllegalArgumentException.class, () -> CommandLimits.defaults().withStartsPerSecond(0));
        assertThrows(IllegalArgumentException.class, () -> CommandLimits.defaults().withTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> CommandLimits.defaults().withMaxWaiting(-1));
        assertThrows(IllegalArgumentException.class, () -> CommandLimits.defaults().withReportInterval(Duration.ofSeconds(-1)));
    }
}
