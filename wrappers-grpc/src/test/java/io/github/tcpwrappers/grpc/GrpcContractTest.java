package io.github.tcpwrappers.grpc;

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
 * The door contract through {@link HostsAccessInterceptor} on a real grpc-netty server: every
 * public conformance case the gRPC door can express ({@link ContractSuite}) and the shared twist
 * cases ({@link TwistCases}).
 */
class GrpcContractTest {
    @TempDir
    static Path temp;
    private static ContractSuite suite;
    private static GrpcDoor door;

    @BeforeAll
    static void start() throws Exception {
        suite = ContractSuite.start();
        door = new GrpcDoor();
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
    Stream<DynamicTest> twistAnswersInTheServicesPlaceWithinTheLimits() {
        return TwistCases.cases(door, temp);
    }
}
