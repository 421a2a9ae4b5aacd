package io.github.tcpwrappers.netty;

import io.github.tcpwrappers.contract.ContractSuite;
import io.github.tcpwrappers.contract.TwistCases;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The door contract through {@link HostsAccessHandler} on a real NIO server: every public
 * conformance case Netty can express ({@link ContractSuite}) and the shared twist cases
 * ({@link TwistCases}), with BlockHound watching the event loops.
 */
class NettyContractTest {
    @TempDir
    static Path temp;
    private static ContractSuite suite;
    private static NettyDoor door;

    @BeforeAll
    static void start() throws Exception {
        NettyChecks.install();
        suite = ContractSuite.start();
        door = new NettyDoor();
    }

    @AfterAll
    static void stop() throws Exception {
        door.close();
        suite.close();
    }

    @AfterEach
    void noBlockingCalls() {
        NettyChecks.assertNoBlockingCalls();
    }

    @TestFactory
    Stream<DynamicTest> everyExpressibleCaseAnswersAsLibwrapDoes() throws Exception {
        return suite.cases(door, temp);
    }

    @TestFactory
    Stream<DynamicTest> twistAnswersInTheServicesPlaceWithinTheLimits() {
        return TwistCases.cases(door, temp);
    }
}
