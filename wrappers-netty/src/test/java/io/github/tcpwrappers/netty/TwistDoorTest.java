package io.github.tcpwrappers.netty;

import static io.github.tcpwrappers.netty.Loopback.connect;
import static io.github.tcpwrappers.netty.Loopback.readUntilClosed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.testing.TwistCases;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
            assertEquals(twist.expected("echo"), got, "never the application's greeting");
            twist.assertEndedWithTheCommand(System.nanoTime() - start);
        }
    }

    @Test
    void floodOfTwistClientsRunsNoMoreCommandsThanTheLimit() throws Exception {
        String twisted = TwistCases.FLOOD.expected("echo");
        try (HostsAccess access = TwistCases.FLOOD.engine(dir, "echo");
             Loopback.Server server = new Loopback.Server(new HostsAccessHandler(access, "echo"))) {
            TwistCases.Flood<String> flood = TwistCases.flood(from -> {
                try (Socket client = connect(from, server.v4)) {
                    return readUntilClosed(client);
                }
            });
            assertTrue(flood.answers().stream().allMatch(a -> a.isEmpty() || a.equals(twisted)), flood.answers().toString());
            flood.assertBounded(flood.answers().stream().filter(twisted::equals).count());
        }
    }
}
