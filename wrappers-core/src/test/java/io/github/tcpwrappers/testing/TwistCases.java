package io.github.tcpwrappers.testing;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.Mode;
import io.github.tcpwrappers.value.CommandLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The twist cases every door runs on real sockets (issue 19, item 5): the same rules and the same
 * expected answers, so the doors cannot drift. A door's test writes the case's files, builds an
 * engine with {@link #LIMITS}, sends one client and compares with {@link #expected}. Each case's
 * long-running command is a distinct {@code sleep}, counted from /proc with {@link Processes}.
 */
public enum TwistCases {
    /** twist in hosts.allow: the command answers in the service's place (issue 18.2). */
    GRANTED("DAEMON: ALL: twist echo twisted %d\n", "", "twisted DAEMON\n", "30.11"),
    /** The command reads its stdin: a client's half-close ends it, the output still arrives. */
    HALF_CLOSE("", "DAEMON: ALL: twist read line; echo got=$line\n", "got=hello\n", "30.12"),
    /** A command still running at the time limit is killed and the client closed. */
    LONG_RUNNING("", "DAEMON: ALL: twist echo started; sleep 30.13; echo never\n", "started\n", "30.13"),
    /** A background child keeps stdout open: the answer still ends when the shell exits. */
    GRANDCHILD("", "DAEMON: ALL: twist (sleep 30.14 &); echo bye\n", "bye\n", "30.14"),
    /** Many clients at once: no more commands than the limit, the rest refused. */
    FLOOD("", "DAEMON: ALL: twist echo flood; sleep 30.15\n", "flood\n", "30.15");

    /**
     * The engine's command limits in these tests: 4 at once, 3 s, 64 KiB. A case other than
     * {@link #LONG_RUNNING} must end well within the 3 s (when its shell exits), which is how a
     * test tells "ended with the command" from "killed at the limit".
     */
    public static final CommandLimits LIMITS = CommandLimits.defaults().withMaxProcesses(4)
            .withStartsPerSecond(1000).withTimeout(Duration.ofSeconds(3)).withMaxBytes(64 * 1024);
    /** The clients the flood sends at once. */
    public static final int FLOOD_CLIENTS = 24;

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

    /** What the client receives, for {@code daemon} (stdin given "hello\n" then closed, where a door can). */
    public String expected(String daemon) {
        return expected.replace("DAEMON", daemon);
    }

    /** What a door without a client byte stream (HTTP, gRPC) answers: stdin is empty there. */
    public String expectedWithoutInput(String daemon) {
        return this == HALF_CLOSE ? "got=\n" : expected(daemon);
    }

    /** The command's long-running process, as /proc shows its argv. */
    public String[] sleepArgv() {
        return new String[] {"sleep", sleep};
    }

    /** Writes the case's tables into {@code dir} and builds an engine with {@link #LIMITS}. */
    public HostsAccess engine(Path dir, String daemon) throws IOException {
        Files.writeString(dir.resolve("hosts.allow"), allow.replace("DAEMON", daemon), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("hosts.deny"), deny.replace("DAEMON", daemon), StandardCharsets.UTF_8);
        return HostsAccess.builder().directory(dir).mode(Mode.LIBWRAP).commandLimits(LIMITS).build();
    }

    /**
     * A case other than {@link #LONG_RUNNING} ended with its shell, before the time limit (the
     * client's answer took {@code tookNanos}); every case leaves nothing of its command behind.
     */
    public void assertEndedWithTheCommand(long tookNanos) {
        if (this != LONG_RUNNING) {
            assertTrue(tookNanos < LIMITS.timeout().toNanos(), "over when the shell exits: " + tookNanos / 1e6 + " ms");
        }
        assertEquals(0, Processes.awaitNone(Duration.ofSeconds(5), sleepArgv()), "nothing of the command left");
    }

    /** One client of a door: asks from a loopback address and returns what it got. */
    @FunctionalInterface
    public interface Client<T> {
        T ask(String from) throws Exception;
    }

    /** What the flood's clients got, and the most commands alive at once meanwhile. */
    public record Flood<T>(List<T> answers, int peak) {
        /** No more commands than the limit ran, at least one did, and none is left. */
        public void assertBounded(long twisted) {
            System.out.printf("twist flood: %d clients, %d twisted, peak %d commands%n", answers.size(), twisted, peak);
            assertTrue(peak <= LIMITS.maxProcesses(), "peak " + peak);
            assertTrue(twisted >= 1 && twisted <= LIMITS.maxProcesses(), "twisted " + twisted);
            assertEquals(0, Processes.awaitNone(Duration.ofSeconds(5), FLOOD.sleepArgv()), "nothing left");
        }
    }

    /** Sends {@link #FLOOD_CLIENTS} clients at once (from 127.0.3.1 up) through a door engaged on {@link #FLOOD}. */
    public static <T> Flood<T> flood(Client<T> client) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(FLOOD_CLIENTS);
        try (Processes.Peak sampler = Processes.peak(FLOOD.sleepArgv())) {
            List<Future<T>> pending = new ArrayList<>();
            for (int i = 0; i < FLOOD_CLIENTS; i++) {
                String from = "127.0.3." + (i + 1);
                pending.add(clients.submit(() -> client.ask(from)));
            }
            List<T> answers = new ArrayList<>();
            for (Future<T> answer : pending) {
                answers.add(answer.get(20, TimeUnit.SECONDS));
            }
            return new Flood<>(answers, sampler.max());
        } finally {
            clients.shutdownNow();
        }
    }
}
