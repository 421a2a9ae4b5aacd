package io.github.tcpwrappers.servlet;

import io.github.tcpwrappers.contract.ContractSuite;
import io.github.tcpwrappers.contract.TwistCases;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The door contract through {@link HostsAccessFilter} on a real Jetty: every public conformance
 * case the servlet door can express ({@link ContractSuite}) and the shared twist cases
 * ({@link TwistCases}).
 */
class ServletContractTest {
    @TempDir
    static Path temp;
    private static ContractSuite suite;
    private static ServletDoor door;

    @BeforeAll
    static void start() throws Exception {
        suite = ContractSuite.start();
        door = new ServletDoor();
    }

    @AfterAll
    static void stop() throws Exception {
        door.close();
        suite.close();
    }

    @TestFactory
    Stream<DynamicTest> everyExpressibleCaseAnswersAsLibwrapDoes() throws Exception {
        return suite.cases(door, temp);
    }

    @TestFactory
    Stream<DynamicTest> twistAnswersInTheApplicationsPlaceWithinTheLimits() {
        return TwistCases.cases(door, temp);
    }
}
