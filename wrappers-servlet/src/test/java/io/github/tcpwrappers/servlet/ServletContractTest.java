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
