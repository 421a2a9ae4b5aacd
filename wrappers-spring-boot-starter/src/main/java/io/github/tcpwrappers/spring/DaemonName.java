/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spring;

/** The one check every configured daemon name gets, so a bad name fails start-up naming its property. */
final class DaemonName {
    private DaemonName() {
    }

    /**
     * A daemon name rules can name: one word, no blanks, commas or colons (the separators of
     * hosts_access(5) lists and fields).
     */
    static String check(String property, String name) {
        String n = name.strip();
        if (n.isEmpty() || n.chars().anyMatch(c -> c <= ' ' || c == ',' || c == ':')) {
            throw new IllegalArgumentException(property + " must be one word without blanks, ',' or ':', got '"
                    + name + "'");
        }
        return n;
    }
}
