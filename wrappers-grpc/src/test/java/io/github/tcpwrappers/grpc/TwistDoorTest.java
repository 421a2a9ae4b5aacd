package io.github.tcpwrappers.grpc;

import static io.github.tcpwrappers.grpc.Loopback.say;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.testing.TwistCases;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
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
             Loopback server = Loopback.start(HostsAccessInterceptor.forDaemon(access, "echo", Loopback.APPLICATION))) {
            long start = System.nanoTime();
            Status status = refusal(server, "127.0.0.2");
            long took = System.nanoTime() - start;
            assertEquals(Status.Code.PERMISSION_DENIED, status.getCode(), status.toString());
            assertEquals(twist.expectedWithoutInput("echo").strip(), status.getDescription());
            assertEquals(0, server.servedCount(), "the service never ran");
            twist.assertEndedWithTheCommand(took);
        }
    }

    @Test
    void floodOfTwistConnectionsRunsNoMoreCommandsThanTheLimit() throws Exception {
        String twistedText = TwistCases.FLOOD.expected("echo").strip();
        try (HostsAccess access = TwistCases.FLOOD.engine(dir, "echo");
             Loopback server = Loopback.start(HostsAccessInterceptor.forDaemon(access, "echo", Loopback.APPLICATION))) {
            TwistCases.Flood<Status> flood = TwistCases.flood(from -> refusal(server, from));
            assertEquals(0, server.servedCount());
            assertTrue(flood.answers().stream().allMatch(s -> s.getCode() == Status.Code.PERMISSION_DENIED
                    && (twistedText.equals(s.getDescription()) || "access denied".equals(s.getDescription()))),
                    flood.answers().toString());
            flood.assertBounded(flood.answers().stream().filter(s -> twistedText.equals(s.getDescription())).count());
        }
    }
}
