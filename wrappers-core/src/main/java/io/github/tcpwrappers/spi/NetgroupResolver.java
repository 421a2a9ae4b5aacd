/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spi;

/**
 * Answers {@code @netgroup} patterns, as libwrap's call to {@code innetgr(group, host, NULL,
 * domain)} does. Called while deciding, so an implementation must answer from memory.
 *
 * <pre>{@code
 * NetgroupResolver trusted = (group, host) -> group.equals("admins") && host.endsWith(".corp.example");
 * }</pre>
 */
@FunctionalInterface
public interface NetgroupResolver {

    /** The default: no netgroups, as on a system without NIS. */
    NetgroupResolver NONE = (netgroup, host) -> false;

    /**
     * Whether the host is in the netgroup.
     *
     * @param netgroup the name after {@code @}
     * @param host the client's verified host name, or libwrap's literal {@code unknown} /
     *     {@code paranoid} when it has none
     * @return whether the netgroup lists the host
     */
    boolean contains(String netgroup, String host);
}
