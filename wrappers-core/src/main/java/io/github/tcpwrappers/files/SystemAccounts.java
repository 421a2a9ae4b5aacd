/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.files;

import io.github.tcpwrappers.spi.AccountNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** This machine's account names, for the {@code user} and {@code group} options. */
public final class SystemAccounts {
    private SystemAccounts() {
    }

    /** The names in {@code /etc/passwd} and {@code /etc/group}, read once. */
    public static AccountNames read() {
        Set<String> users = firstColumn(Path.of("/etc/passwd"));
        Set<String> groups = firstColumn(Path.of("/etc/group"));
        return AccountNames.of(users, groups);
    }

    private static Set<String> firstColumn(Path file) {
        Set<String> names = new HashSet<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
                int colon = line.indexOf(':');
                if (colon > 0 && !line.startsWith("#")) {
                    names.add(line.substring(0, colon));
                }
            }
        } catch (IOException e) {
            // No account database: every user and group option fails, as getpwnam would.
        }
        return names;
    }
}
