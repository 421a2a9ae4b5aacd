/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.language;

import java.util.Set;

/**
 * The one question the language has for the machine: whether a name is one of its network
 * interfaces (glibc's {@code if_nametoindex}), asked for the {@code %zone} of a link-local IPv6
 * address. The edge answers it ({@code files.SystemInterfaces} asks the JDK each time, as glibc
 * asks the kernel each time); the language only asks, so it stays pure.
 *
 * <pre>{@code
 * RuleTable table = RuleTable.parse("/etc/hosts.allow", text, accounts, lists, InterfaceNames.of(Set.of("eth0")));
 * }</pre>
 */
@FunctionalInterface
public interface InterfaceNames {
    /** No interface at all: only numeric zones are accepted. */
    InterfaceNames NONE = name -> false;

    /** Whether an interface of that exact name exists (the name as text, at most 15 bytes). */
    boolean exists(String name);

    /** A fixed set of names. */
    static InterfaceNames of(Set<String> names) {
        Set<String> copy = Set.copyOf(names);
        return copy::contains;
    }
}
