/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
/**
 * CrowdSec for the rules: {@link io.github.tcpwrappers.crowdsec.CrowdSecBouncer} (the Local
 * API's decisions, in stream mode, as a live list bound to a {@code /file} path) and
 * {@link io.github.tcpwrappers.crowdsec.CrowdSecWatcher} (bans written as CrowdSec decisions).
 *
 * <pre>{@code
 * module my.server {
 *     requires io.github.tcpwrappers.crowdsec;
 * }
 * }</pre>
 */
module io.github.tcpwrappers.crowdsec {
    requires transitive io.github.tcpwrappers;
    // The Local API is spoken over the JDK's HTTP client; its stream answers are read with
    // Jackson's streaming parser, the watcher's small JSON as trees (no binding, so nothing is
    // opened to Jackson).
    requires java.net.http;
    requires com.fasterxml.jackson.databind;
    // A pull's status reports the CPU time its parse took (ThreadMXBean).
    requires java.management;
    requires org.slf4j;

    exports io.github.tcpwrappers.crowdsec;
}
