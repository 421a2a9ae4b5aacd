package io.github.tcpwrappers.netty;

import static io.github.tcpwrappers.netty.Loopback.connect;
import static io.github.tcpwrappers.netty.Loopback.readUntilClosed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.testing.Processes;
import io.github.tcpwrappers.testing.TwistCases;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The shared twist cases ({@link TwistCases}) through {@link HostsAccessHandler} on a real NIO
 * server: the client sends {@code hello\n}, half-closes, and reads until the server closes.
 */
class TwistDoorTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void checks() {
        NettyChecks.install();
    }

    @AfterEach
    void noBlockingAndNoLeftovers() {
        NettyChecks.assertNoBlockingCalls();
    }

    @ParameterizedTest
    @EnumSource(value = TwistCases.class, names = {"GRANTED", "HALF_CLOSE", "LONG_RUNNING", "GRANDCHILD"})
    void twistAnswersInTheServicesPlaceWithinTheLimits(TwistCases twist) throws Exception {
        try (HostsAccess access = twist.engine(dir, "echo");
             Loopback.Server server = new Loopback.Server(new HostsAccessHandler(access, "echo"))) {
            long start = System.nanoTime();
            String got;
            try (Socket client = connect("127.0.0.2", server.v4)) {
                client.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
                client.shutdownOutput(); // tcpd: the half-close only ends the command's stdin
                got = readUntilClosed(client);
            }
            long took = System.nanoTime() - start;
            assertEquals(twist.expected("echo"), got, "never the application's greeting");
            if (twist != TwistCases.LONG_RUNNING) {
                assertTrue(took < TwistCases.LIMITS.timeout().toNanos(), "over when the shell exits: " + took / 1e6 + " ms");
            }
        }
        assertEquals(0, Processes.awaitNone(Duration.ofSeconds(5), twist.sleepArgv()), "nothing of the command left");
    }

    @Test
    void floodOfTwistClientsRunsNoMoreCommandsThanTheLimit() throws Exception {
        TwistCases flood = TwistCases.FLOOD;
        ExecutorService clients = Executors.newFixedThreadPool(TwistCases.FLOOD_CLIENTS);
        int peak;
        List<String> answers = new ArrayList<>();
        try (HostsAccess access = flood.engine(dir, "echo");
             Loopback.Server server = new Loopback.Server(new HostsAccessHandler(access, "echo"));
             Processes.Peak sampler = Processes.peak(flood.sleepArgv())) {
            List<Future<String>> pending = new ArrayList<>();
            for (int i = 0; i < TwistCases.FLOOD_CLIENTS; i++) {
                String from = "127.0.3." + (i + 1);
                pending.add(clients.submit(() -> {
                    try (Socket client = connect(from, server.v4)) {
                        return readUntilClosed(client);
                    }
                }));
            }
            for (Future<String> answer : pending) {
                answers.add(answer.get(20, TimeUnit.SECONDS));
            }
            peak = sampler.max();
        } finally {
            clients.shutdownNow();
        }
        long twisted = answers.stream().filter(flood.expected("echo")::equals).count();
        System.out.printf("netty twist flood: %d clients, %d twisted, peak %d commands%n", answers.size(), twisted, peak);
        assertTrue(peak <= TwistCases.LIMITS.maxProcesses(), "peak " + peak);
        assertTrue(twisted >= 1 && twisted <= TwistCases.LIMITS.maxProcesses(), "twisted " + twisted);
        assertTrue(answers.stream().allMatch(a -> a.isEmpty() || a.equals(flood.expected("echo"))), answers.toString());
        assertEquals(0, Processes.awaitNone(Duration.ofSeconds(5), flood.sleepArgv()));
    }
}
