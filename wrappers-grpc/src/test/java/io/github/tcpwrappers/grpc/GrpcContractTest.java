/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.grpc;

import io.github.tcpwrappers.contract.Door;
import io.github.tcpwrappers.contract.DoorContract;

/** The door contract ({@link DoorContract}) through {@link HostsAccessInterceptor} on a real grpc-netty server. */
class GrpcContractTest extends DoorContract {
    @Override
    protected Door openDoor() throws Exception {
        return new GrpcDoor();
    }
}
