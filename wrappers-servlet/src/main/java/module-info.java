/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
/** hosts.allow / hosts.deny as a Jakarta Servlet filter: {@link io.github.tcpwrappers.servlet.HostsAccessFilter}. */
module io.github.tcpwrappers.servlet {
    requires transitive io.github.tcpwrappers;
    requires transitive jakarta.servlet;
    requires org.slf4j;

    exports io.github.tcpwrappers.servlet;
}
