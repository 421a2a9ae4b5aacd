/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Rule files of the shape DenyHosts and fail2ban write: one {@code sshd: a.b.c.d} line per address. */
final class RuleFiles {
    private RuleFiles() {
    }

    /** The n-th generated address: 203.x.y.z, never 10.0.0.1 or 127.x. */
    static String address(int n) {
        return "203." + ((n >> 16) & 0xFF) + "." + ((n >> 8) & 0xFF) + "." + (n & 0xFF);
    }

    /**
     * A directory whose hosts.allow lets {@code daemons} in from 1,000 other /24 nets and then
     * 127.0.0.1, and whose hosts.deny denies everything else: the gRPC benchmarks' rules.
     */
    static Path allowListBeforeDenyAll(String daemons) {
        try {
            Path dir = Files.createTempDirectory("bench-allow");
            StringBuilder allow = new StringBuilder();
            for (int i = 0; i < 1000; i++) {
                allow.append(daemons).append(": 10.").append(i / 250).append('.').append(i % 250).append(".0/24\n");
            }
            allow.append(daemons).append(": 127.0.0.1\n");
            Files.writeString(dir.resolve("hosts.allow"), allow);
            Files.writeString(dir.resolve("hosts.deny"), "ALL: ALL\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A new directory ({@code prefix}...) with an empty hosts.allow, a hosts.deny of
     * {@code ALL : DIR/hosts.ban} and that list file, empty: the rules of the bound-list
     * benchmarks. Returns the list's path (bind it; its parent is the rules directory).
     */
    static Path banListRules(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        Path ban = dir.resolve("hosts.ban");
        Files.writeString(ban, "");
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), "ALL : " + ban + "\n");
        return ban;
    }

    /** Deletes {@code root} and everything under it (a benchmark's rules, a Redis it started), if there. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A directory with an empty hosts.allow and a hosts.deny of {@code rules} single-address lines. */
    static Path denyList(int rules) {
        return denyList(rules, "");
    }

    /** The same, each line ending in {@code suffix} (an option part such as {@code ": spawn echo %a"}). */
    static Path denyList(int rules, String suffix) {
        try {
            Path dir = Files.createTempDirectory("bench-rules");
            StringBuilder deny = new StringBuilder(rules * 24);
            deny.append("# generated blocklist\n");
            for (int i = 0; i < rules; i++) {
                deny.append("sshd: ").append(address(i)).append(suffix).append('\n');
            }
            Files.writeString(dir.resolve("hosts.allow"), "");
            Files.writeString(dir.resolve("hosts.deny"), deny);
            dir.toFile().deleteOnExit();
            dir.resolve("hosts.allow").toFile().deleteOnExit();
            dir.resolve("hosts.deny").toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
