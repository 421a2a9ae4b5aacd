/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
/**
 * Micrometer meters over the engine's listeners:
 * {@link io.github.tcpwrappers.micrometer.HostsAccessMetrics}.
 *
 * <pre>{@code
 * module my.server {
 *     requires io.github.tcpwrappers.micrometer;
 * }
 * }</pre>
 */
// Micrometer ships no module-info, only the Automatic-Module-Name micrometer.core: javac's lint says so.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.github.tcpwrappers.micrometer {
    requires transitive io.github.tcpwrappers;
    // HostsAccessMetrics is a Micrometer MeterBinder.
    requires transitive micrometer.core;

    exports io.github.tcpwrappers.micrometer;
}
