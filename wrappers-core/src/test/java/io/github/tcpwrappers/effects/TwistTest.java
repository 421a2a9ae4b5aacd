/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.effects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.DecisionLog;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.spi.TwistSession;
import io.github.tcpwrappers.testing.Processes;
import io.github.tcpwrappers.value.Command;
import io.github.tcpwrappers.value.CommandLimits;
import io.github.tcpwrappers.value.Decision;
import io.github.tcpwrappers.value.TwistOutput;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The core's one twist, both forms, under the runner's {@link CommandLimits}. */
class TwistTest {
    private static final CommandLimits LIMITS = CommandLimits.defaults().withMaxProcesses(2).withStartsPerSecond(1000)
            .withTimeout(Duration.ofMillis(1000)).withMaxBytes(10_000);

    @TempDir
    Path dir;

    private static Command sh(String text) {
        return new Command(text, Map.of(), 0, OptionalInt.empty());
    }

    private static TwistOutput output(ProcessRunner runner, String text) throws Exception {
        return runner.twistOutput(sh(text)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "echo hello                      | hello\\n        | EXITED",
        "read x; echo got:$x             | got:\\n         | EXITED",
        "(sleep 31.21 &); echo bye       | bye\\n          | EXITED",
        "echo started; sleep 31.22       | started\\n      | TIME_LIMIT",
    })
    void wholeOutputEndsWithTheCommandWithinTheLimits(String command, String expected, TwistOutput.Ending ending)
            throws Exception {
        try (ProcessRunner runner = ProcessRunner.create(LIMITS)) {
            long start = System.nanoTime();
            TwistOutput out = output(runner, command);
            assertEquals(expected.replace("\\n", "\n"), out.text());
            assertEquals(ending, out.ending());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "ended by the 1 s limit at the latest");
        }
        assertEquals(0, Processes.awaitNone(Duration.ofSeconds(5), "sleep", "31.21"), "background child killed");
        assertEquals(0, Processes.awaitNone(Duration.ofSeconds(5), "sleep", "31.22"), "command killed at the limit");
    }

    @Test
    void wholeOutputIsCutAtTheByteBoundAndTheCommandKilled() throws Exception {
        try (ProcessRunner runner = ProcessRunner.create(LIMITS)) {
            TwistOutput out = output(runner, "yes");
            assertEquals(10_000, out.length());
            assertEquals(TwistOutput.Ending.BYTE_LIMIT, out.ending());
            assertTrue(out.text().startsWith("y\ny\n"));
        }
    }

    @Test
    void twistsOverTheProcessBoundAreRefusedAndCountWithSpawns() throws Exception {
        try (ProcessRunner runner = ProcessRunner.create(LIMITS)) {
            assertTrue(runner.spawn(sh("sleep 31.23")));
            CompletableFuture<TwistOutput> first = runner.twistOutput(sh("sleep 31.24")).toCompletableFuture();
            TwistOutput refused = output(runner, "echo never");
            assertEquals(TwistOutput.Ending.REFUSED, refused.ending());
            assertEquals("", refused.text());
            assertEquals(TwistOutput.Ending.TIME_LIMIT, first.get(10, TimeUnit.SECONDS).ending());
        }
    }

    @Test
    void twistFromARuleRunsWithSetenvUmaskAndNice() throws Exception {
        Decision decision;
        try (HostsAccess access = Rules.files(dir, "", "sshd: 127.0.0.2: setenv WHO %a: umask 077: nice 4: "
                + "twist echo \"$WHO\"; umask; nice\n")
                .decisionLog(DecisionLog.builder().logger(new CapturingLogger()).build()).build()) {
            decision = access.checkBlocking(Rules.request("sshd", "127.0.0.2"), Duration.ofSeconds(5));
            Process base = new ProcessBuilder("nice").start();
            int niceness = Integer.parseInt(new String(base.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim());
            TwistOutput out = access.twistOutput(decision.twist().orElseThrow()).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertEquals("127.0.0.2\n0077\n" + Math.min(19, niceness + 4) + "\n", out.text());
        }
    }

    /** A client of the session form that collects what it is sent, in memory. */
    private static final class Collector implements TwistSession.Client {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final CompletableFuture<TwistOutput.Ending> ended = new CompletableFuture<>();

        @Override
        public synchronized Future<?> send(byte[] chunk) {
            received.writeBytes(chunk);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void ended(TwistOutput.Ending why) {
            ended.complete(why);
        }

        synchronized String text() {
            return received.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void sessionPassesInputAndAHalfCloseEndsOnlyTheCommandsStdin() throws Exception {
        try (ProcessRunner runner = ProcessRunner.create(LIMITS)) {
            Collector client = new Collector();
            TwistSession session = runner.twist(sh("while read line; do echo \"<$line>\"; done; echo eof"), client);
            session.input("one\n".getBytes(StandardCharsets.US_ASCII));
            session.input("two\n".getBytes(StandardCharsets.US_ASCII));
            session.endInput();
            assertEquals(TwistOutput.Ending.EXITED, client.ended.get(10, TimeUnit.SECONDS));
            assertEquals("<one>\n<two>\neof\n", client.text());
        }
    }

    @Test
    void sessionClientThatNeverTakesOutputIsEndedAtTheTimeLimit() throws Exception {
        try (ProcessRunner runner = ProcessRunner.create(LIMITS)) {
            CompletableFuture<TwistOutput.Ending> ended = new CompletableFuture<>();
            runner.twist(sh("echo a; sleep 31.25"), new TwistSession.Client() {
                @Override
                public Future<?> send(byte[] chunk) {
                    return new CompletableFuture<>(); // never taken
                }

                @Override
                public void ended(TwistOutput.Ending why) {
                    ended.complete(why);
                }
            });
            assertEquals(TwistOutput.Ending.TIME_LIMIT, ended.get(10, TimeUnit.SECONDS));
        }
        assertEquals(0, Processes.awaitNone(Duration.ofSeconds(5), "sleep", "31.25"));
    }

    @Test
    void closeKillsEverySessionStillRunning() throws Exception {
        ProcessRunner runner = ProcessRunner.create(LIMITS.withTimeout(Duration.ofSeconds(60)));
        List<Collector> clients = IntStream.range(0, 2).mapToObj(i -> new Collector()).toList();
        clients.forEach(c -> runner.twist(sh("sleep 31.26"), c));
        ProcessRunnerTest.await("both commands to run", Duration.ofSeconds(5),
                () -> Processes.alive("sleep", "31.26") == 2);
        runner.close();
        for (Collector c : clients) {
            c.ended.get(10, TimeUnit.SECONDS);
        }
        assertEquals(0, Processes.awaitNone(Duration.ofSeconds(5), "sleep", "31.26"));
    }
}
