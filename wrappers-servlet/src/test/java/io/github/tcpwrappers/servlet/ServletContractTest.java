/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.servlet;

import io.github.tcpwrappers.contract.Door;
import io.github.tcpwrappers.contract.DoorContract;

/** The door contract ({@link DoorContract}) through {@link HostsAccessFilter} on a real Jetty. */
class ServletContractTest extends DoorContract {
    @Override
    protected Door openDoor() throws Exception {
        return new ServletDoor();
    }
}
