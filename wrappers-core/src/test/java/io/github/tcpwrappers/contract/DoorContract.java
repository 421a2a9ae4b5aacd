/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.contract;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole door contract as one test class to extend: every expressible public case
 * ({@link ContractSuite}) and the twist table ({@link TwistCases}) through the door
 * {@link #openDoor()} returns, which stays up for the whole class.
 *
 * <pre>{@code
 * class NettyContractTest extends DoorContract {
 *     protected Door openDoor() { return new NettyDoor(); }
 * }
 * }</pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DoorContract {
    @TempDir
    Path temp;
    private ContractSuite suite;
    private Door door;

    /** The door under test: its server up, serving no case yet. */
    protected abstract Door openDoor() throws Exception;

    @BeforeAll
    void start() throws Exception {
        suite = ContractSuite.start();
        door = openDoor();
    }

    @AfterAll
    void stop() throws Exception {
        try {
            door.close();
        } finally {
            suite.close();
        }
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
