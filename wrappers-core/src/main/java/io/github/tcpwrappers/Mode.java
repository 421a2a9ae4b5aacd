/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

/** How rule files are loaded. Both modes decide identically once files are loaded. */
public enum Mode {
    /**
     * The default: refuse files libwrap would warn about or fail on, and files with the hazards
     * whose libwrap meaning surprises people (a comment after a rule, a bare IPv6 address, a net
     * with host bits, ...), listing every problem as {@code FILE:LINE: message}.
     */
    STRICT,
    /** Load whatever libwrap loads, skipping what it skips, and decide as it decides. */
    LIBWRAP
}
