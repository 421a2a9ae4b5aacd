package io.github.tcpwrappers.grpc;

import static io.github.tcpwrappers.grpc.Loopback.say;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.testing.Processes;
import io.github.tcpwrappers.testing.TwistCases;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The shared twist cases ({@link TwistCases}) through {@link HostsAccessInterceptor} on a real
 * grpc-netty server: the command's output (stdin empty) is the PERMISSION_DENIED description,
 * on a grant too, and the service never runs.
 */
class TwistDoorTest {
    @TempDir
    Path dir;

    private static Status refusal(Loopback server, String from) {
        return assertThrows(StatusRuntimeException.class, () -> say(server.channel(from), "x")).getStatus();
    }

    @ParameterizedTest
    @EnumSource(value = TwistCases.class, names = {"GRANTED", "HALF_CLOSE", "LONG_RUNNING", "GRANDCHILD"})
    void twistAnswersInTheServicesPlaceWithinTheLimits(TwistCases twist) throws Exception {
        try (HostsAccess access = twist.engine(dir, "echo");
             Loopback server = Loopback.start(HostsAccessInterceptor.forDaemon(access, "echo"))) {
            long start = System.nanoTime();
            Status status = refusal(server, "127.0.0.2");
            long took = System.nanoTime() - start;
            assertEquals(Status.Code.PERMISSION_DENIED, status.getCode(), status.toString());
            assertEquals(twist.expectedWithoutInput("echo").strip(), status.getDescription());
            assertEquals(0, server.servedCount(), "the service never ran");
            if (twist != TwistCases.LONG_RUNNING) {
                assertTrue(took < TwistCases.LIMITS.timeout().toNanos(), "over when the shell exits: " + took / 1e6 + " ms");
            }
        }
        assertEquals(0, Processes.awaitNone(Duration.ofSeconds(5), twist.sleepArgv()), "nothing of the command left");
    }

    @Test
    void floodOfTwistConnectionsRunsNoMoreCommandsThanTheLimit() throws Exception {
        TwistCases flood = TwistCases.FLOOD;
        ExecutorService clients = Executors.newFixedThreadPool(TwistCases.FLOOD_CLIENTS);
        List<Status> answers = new ArrayList<>();
        int peak;
        try (HostsAccess access = flood.engine(dir, "echo");
             Loopback server = Loopback.start(HostsAccessInterceptor.forDaemon(access, "echo"));
             Processes.Peak sampler = Processes.peak(flood.sleepArgv())) {
            List<Future<Status>> pending = new ArrayList<>();
            for (int i = 0; i < TwistCases.FLOOD_CLIENTS; i++) {
                String from = "127.0.3." + (i + 1);
                pending.add(clients.submit(() -> refusal(server, from)));
            }
            for (Future<Status> answer : pending) {
                answers.add(answer.get(20, TimeUnit.SECONDS));
            }
            peak = sampler.max();
            assertEquals(0, server.servedCount());
        } finally {
            clients.shutdownNow();
        }
        String twistedText = flood.expected("echo").strip();
        long twisted = answers.stream().filter(s -> twistedText.equals(s.getDescription())).count();
        System.out.printf("grpc twist flood: %d connections, %d twisted, peak %d commands%n", answers.size(), twisted, peak);
        assertTrue(peak <= TwistCases.LIMITS.maxProcesses(), "peak " + peak);
        assertTrue(twisted >= 1 && twisted <= TwistCases.LIMITS.maxProcesses(), "twisted " + twisted);
        assertTrue(answers.stream().allMatch(s -> s.getCode() == Status.Code.PERMISSION_DENIED
                && (twistedText.equals(s.getDescription()) || "access denied".equals(s.getDescription()))), answers.toString());
        assertEquals(0, Processes.awaitNone(Duration.ofSeconds(5), flood.sleepArgv()));
    }
}
