/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.netty;

import io.github.tcpwrappers.contract.Door;
import io.github.tcpwrappers.contract.DoorContract;
import org.junit.jupiter.api.AfterEach;

/**
 * The door contract ({@link DoorContract}) through {@link HostsAccessHandler} on a real NIO
 * server, with BlockHound watching the event loops.
 */
class NettyContractTest extends DoorContract {
    @Override
    protected Door openDoor() {
        NettyChecks.install();
        return new NettyDoor();
    }

    @AfterEach
    void noBlockingCalls() {
        NettyChecks.assertNoBlockingCalls();
    }
}
