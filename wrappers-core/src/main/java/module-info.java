/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
/**
 * hosts.allow / hosts.deny for the JVM: the engine ({@link io.github.tcpwrappers.HostsAccess}),
 * its values ({@code io.github.tcpwrappers.value}) and the interfaces a user may plug in
 * ({@code io.github.tcpwrappers.spi}). Everything else is the engine's inside: the language and
 * its evaluation (pure), files, lookups and effects (the edge). The command-line tools read the
 * rule tables themselves, so those packages are exported to them alone.
 *
 * <pre>{@code
 * module my.server {
 *     requires io.github.tcpwrappers;
 * }
 * }</pre>
 */
module io.github.tcpwrappers {
    // DecisionLog's builder takes an SLF4J Logger and Level.
    requires transitive org.slf4j;
    // The DNS name service asks the system resolver's servers through JNDI.
    requires java.naming;
    // Decision, reload and command events for Flight Recorder (built only while a recording wants them).
    requires jdk.jfr;

    // Bound list sources found by URI scheme (redis://, ...), see ListSources.open.
    uses io.github.tcpwrappers.spi.ListSourceProvider;

    exports io.github.tcpwrappers;
    exports io.github.tcpwrappers.value;
    exports io.github.tcpwrappers.spi;

    exports io.github.tcpwrappers.evaluation to io.github.tcpwrappers.cli;
    exports io.github.tcpwrappers.files to io.github.tcpwrappers.cli;
    exports io.github.tcpwrappers.language to io.github.tcpwrappers.cli;
    exports io.github.tcpwrappers.lists to io.github.tcpwrappers.cli;
    // The Spring Boot starter (an automatic module, io.github.tcpwrappers.spring) builds the DNS and
    // ident resolvers its tcpwrappers.lookups.* properties ask for.
    exports io.github.tcpwrappers.lookup to io.github.tcpwrappers.cli, io.github.tcpwrappers.spring;
    exports io.github.tcpwrappers.text to io.github.tcpwrappers.cli;
}
