/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

/**
 * What a configured hosts.allow or hosts.deny that does not exist means. libwrap reads a
 * missing table as an empty one, so a typo in a path grants everyone; strict mode refuses that.
 *
 * <pre>{@code
 * HostsAccess.builder().denyFile(Path.of("/etc/hosts.deny"))
 *     .missingTables(MissingTables.EMPTY)   // no hosts.allow on this host, on purpose
 *     .build();
 * }</pre>
 */
public enum MissingTables {
    /**
     * The default in {@link Mode#STRICT}: {@code build()} fails naming the path, and a table that
     * vanishes later keeps the last good rules in force (to clear a table, write an empty file).
     */
    REFUSE,
    /**
     * The default in {@link Mode#LIBWRAP}, as libwrap reads it: an empty table (a WARN when the
     * mode chose it, not the caller); a table that vanishes later is empty once it has stayed
     * missing for the settle time.
     */
    EMPTY
}
