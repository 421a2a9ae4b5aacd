/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.Mode;
import io.github.tcpwrappers.testing.Processes;
import io.github.tcpwrappers.value.CommandLimits;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The twist cases every door runs on real sockets (issue 19, item 5), one table driven through
 * each door's {@link Door}: the same rules and the same expected answers, so the doors cannot
 * drift. Each case's long-running command is a distinct {@code sleep}, counted from /proc with
 * {@link Processes}.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> twistCases() { return TwistCases.cases(door, temp); }
 * }</pre>
 */
public enum TwistCases {
    /** twist in hosts.allow: the command answers in the service's place (issue 18.2). */
    GRANTED("DAEMON: ALL: twist echo twisted %d\n", "", "twisted DAEMON\n", "30.11"),
    /** The command reads its stdin: a client's half-close ends it, the output still arrives. */
    HALF_CLOSE("", "DAEMON: ALL: twist read line; echo got=$line\n", "got=hello\n", "30.12"),
    /** A command still running at the time limit is killed and the client closed. */
    LONG_RUNNING("", "DAEMON: ALL: twist echo started; sleep 30.13; echo never\n", "started\n", "30.13"),
    /**
     * A background child keeps stdout open: the answer still ends when the shell exits, and
     * waves of as many clients as the limit allows are answered one after another (issue 18.7:
     * such grandchildren once wedged the servlet door's pool).
     */
    GRANDCHILD("", "DAEMON: ALL: twist (sleep 30.14 &); echo bye\n", "bye\n", "30.14"),
    /** Many clients at once: no more commands than the limit, the rest refused, the door not wedged. */
    FLOOD("", "DAEMON: ALL: twist echo flood; sleep 30.15\n", "flood\n", "30.15"),
    /** Output without end: the answer is cut at the limit's 64 KiB and the command killed. */
    BYTE_LIMIT("", "DAEMON: ALL: twist yes 30.16\n", "30.16\n", "30.16");

    /**
     * The engine's command limits in these tests: 4 at once, 3 s, 64 KiB (as {@link #BYTE_LIMIT}
     * expects). A case other than
     * {@link #LONG_RUNNING} must end well within the 3 s (when its shell exits), which is how a
     * test tells "ended with the command" from "killed at the limit".
     */
    public static final CommandLimits LIMITS = CommandLimits.defaults().withMaxProcesses(4)
            .withStartsPerSecond(1000).withTimeout(Duration.ofSeconds(3)).withMaxBytes(64 * 1024);
    /** The clients the flood sends at once. */
    static final int FLOOD_CLIENTS = 24;
    /** The waves of {@link #GRANDCHILD} clients. */
    static final int WAVES = 3;
    private static final String DAEMON = "twistd";
    /**
     * Makes each command's argv this JVM's own ({@code sleep 30.13} becomes {@code sleep
     * 30.13NNNNN}, still about 30 s), so /proc counts only this run's processes, not those of
     * another build on the same machine.
     */
    private static final String RUN = String.format(Locale.ROOT, "%05d", ProcessHandle.current().pid() % 100_000);
    private static final byte[] INPUT = "hello\n".getBytes(StandardCharsets.US_ASCII);

    private final String allow;
    private final String deny;
    private final String expected;
    private final String sleep;

    TwistCases(String allow, String deny, String expected, String sleep) {
        this.allow = allow;
        this.deny = deny;
        this.expected = expected;
        this.sleep = sleep;
    }

    /** One dynamic test per case ({@code twist-granted}, ...), each through {@code door}. */
    public static Stream<DynamicTest> cases(Door door, Path temp) {
        return Stream.of(values()).map(t -> DynamicTest.dynamicTest("twist-" + t.name().toLowerCase(Locale.ROOT),
                () -> t.run(door, Files.createDirectory(temp.resolve("twist-" + t.name())))));
    }

    private void run(Door door, Path dir) throws Exception {
        Files.writeString(dir.resolve("hosts.allow"), own(allow), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("hosts.deny"), own(deny), StandardCharsets.UTF_8);
        try (HostsAccess access = HostsAccess.builder().directory(dir).mode(Mode.LIBWRAP).commandLimits(LIMITS)
                .build()) {
            door.serve(access, DAEMON);
            switch (this) {
                case FLOOD -> flood(door);
                case GRANDCHILD -> waves(door);
                default -> one(door);
            }
        }
    }

    /** This run's form of a rule or an answer: the daemon and this JVM's own argv. */
    private String own(String text) {
        return text.replace("DAEMON", DAEMON).replace(sleep, sleep + RUN);
    }

    /** What the client of {@code door} gets: the command's output (with empty stdin where the door has none). */
    private Door.Observed twisted(Door door) {
        String output = this == HALF_CLOSE && !door.carriesInput() ? "got=\n" : own(expected);
        if (this == BYTE_LIMIT) {
            output = output.repeat(LIMITS.maxBytes() / output.length() + 1).substring(0, LIMITS.maxBytes());
        }
        return door.present(new Expected(this == GRANTED, Optional.empty(), Optional.of(output), false));
    }

    private Door.Observed ask(Door door, String from) throws Exception {
        return door.ask(InetAddress.getByName(from), InetAddress.getByName("127.0.0.1"), INPUT);
    }

    private void one(Door door) throws Exception {
        long start = System.nanoTime();
        Door.Observed got = ask(door, "127.0.0.2");
        long took = System.nanoTime() - start;
        assertEquals(twisted(door), got, "never the application's answer");
        if (this != LONG_RUNNING) {
            assertTrue(took < LIMITS.timeout().toNanos(), "over when the shell exits: " + took / 1e6 + " ms");
        }
        assertNothingLeft();
    }

    private void waves(Door door) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(LIMITS.maxProcesses());
        try {
            for (int wave = 0; wave < WAVES; wave++) {
                long start = System.nanoTime();
                List<Future<Door.Observed>> pending = new ArrayList<>();
                for (int i = 0; i < LIMITS.maxProcesses(); i++) {
                    String from = "127.0.6." + (wave * LIMITS.maxProcesses() + i + 1);
                    pending.add(clients.submit(() -> ask(door, from)));
                }
                for (Future<Door.Observed> answer : pending) {
                    assertEquals(twisted(door), answer.get(20, TimeUnit.SECONDS), "wave " + wave);
                }
                long took = System.nanoTime() - start;
                assertTrue(took < LIMITS.timeout().toNanos(), "wave " + wave + " waited for the grandchildren: "
                        + took / 1e6 + " ms");
            }
        } finally {
            clients.shutdownNow();
        }
        assertNothingLeft();
    }

    private void flood(Door door) throws Exception {
        Door.Observed twisted = twisted(door);
        Door.Observed refused = door.present(new Expected(false, Optional.empty(), Optional.empty(), false));
        ExecutorService clients = Executors.newFixedThreadPool(FLOOD_CLIENTS);
        List<Door.Observed> answers = new ArrayList<>();
        int peak;
        try (Processes.Peak sampler = Processes.peak(sleepArgv())) {
            List<Future<Door.Observed>> pending = new ArrayList<>();
            for (int i = 0; i < FLOOD_CLIENTS; i++) {
                String from = "127.0.3." + (i + 1);
                pending.add(clients.submit(() -> ask(door, from)));
            }
            for (Future<Door.Observed> answer : pending) {
                answers.add(answer.get(20, TimeUnit.SECONDS));
            }
            peak = sampler.max();
        } finally {
            clients.shutdownNow();
        }
        long twists = answers.stream().filter(twisted::equals).count();
        System.out.printf("twist flood on %s: %d clients, %d twisted, peak %d commands%n", door.name(), answers.size(),
                twists, peak);
        assertTrue(answers.stream().allMatch(a -> a.equals(twisted) || a.equals(refused)), answers.toString());
        assertTrue(peak <= LIMITS.maxProcesses(), "peak " + peak);
        assertTrue(twists >= 1 && twists <= LIMITS.maxProcesses(), "twisted " + twists);
        assertNothingLeft();
        // Not wedged: once the commands are gone, a twist runs again.
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Door.Observed again = ask(door, "127.0.4.1");
        while (!twisted.equals(again) && System.nanoTime() < end) {
            Thread.sleep(50);
            again = ask(door, "127.0.4.1");
        }
        assertEquals(twisted, again, "a twist after the flood");
        assertNothingLeft();
    }

    /** The command's long-running process, as /proc shows its argv. */
    private String[] sleepArgv() {
        return new String[] {this == BYTE_LIMIT ? "yes" : "sleep", sleep + RUN};
    }

    private void assertNothingLeft() throws IOException {
        assertEquals(0, Processes.awaitNone(Duration.ofSeconds(5), sleepArgv()), "nothing of the command left");
    }
}
