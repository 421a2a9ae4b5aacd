/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.value;

/**
 * Where a rule or a problem is: a table's path and libwrap's line number.
 *
 * @param file the path of hosts.allow, hosts.deny or a list file
 * @param line the line (the last physical line of a continued rule; 0 before the first line)
 */
public record RuleLocation(String file, int line) {
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
