/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.effects;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a command leaves behind. Every command starts as the leader of its own session
 * ({@code setsid}), so whatever it forks, backgrounds or detaches ({@code (sleep 30) &}, whose
 * shell exits at once) stays in that session: the session, read from {@code /proc}, is what a
 * command holds and what is killed at its time limit. Where {@code setsid} or {@code /proc} is
 * missing, the process's descendants stand in (a detached child then escapes).
 */
final class Sessions {
    private static final Path PROC = Path.of("/proc");
    /** {@code setsid} of util-linux, present on Debian and most Linux systems. */
    static final Optional<String> SETSID = locate();

    private Sessions() {
    }

    private static Optional<String> locate() {
        if (!Files.isReadable(PROC.resolve("self/stat"))) {
            return Optional.empty();
        }
        for (String dir : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
            Path candidate = Path.of(dir, "setsid");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    /** Whether commands run in sessions of their own here. */
    static boolean supported() {
        return SETSID.isPresent();
    }

    /**
     * The live processes of the session a command leads (its own pid; setsid does not fork, as a
     * JVM's child is never a group leader), zombies excluded, the leader included while alive.
     */
    static List<ProcessHandle> members(Process leader) {
        if (!supported()) {
            List<ProcessHandle> tree = new ArrayList<>();
            if (leader.isAlive()) {
                tree.add(leader.toHandle());
            }
            leader.descendants().forEach(tree::add);
            return tree;
        }
        long sid = leader.pid();
        List<ProcessHandle> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && Character.isDigit(name.charAt(0)) && inSession(entry, sid)) {
                    ProcessHandle.of(Long.parseLong(name)).ifPresent(found::add);
                }
            }
        } catch (IOException | RuntimeException e) {
            leader.descendants().forEach(found::add);
        }
        return found;
    }

    private static boolean inSession(Path proc, long sid) {
        String stat;
        try {
            stat = Files.readString(proc.resolve("stat"), StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException gone) {
            return false;
        }
        // pid (comm) state ppid pgrp session ...; comm may hold spaces and ')', so from the last ')'.
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return false;
        }
        String[] fields = stat.substring(close + 2).split(" ", 5);
        return fields.length >= 4 && !fields[0].equals("Z") && !fields[0].equals("X")
                && fields[3].equals(Long.toString(sid));
    }

    /**
     * Kills the command and everything in its session. The leader dies first, so that it cannot
     * go on to its next command; a member forking meanwhile is met by the next round. Signals
     * through {@link ProcessHandle}s only: {@link Process#destroyForcibly()} would also close the
     * pipes, losing output a reader has not taken yet.
     */
    static void kill(Process leader) {
        leader.toHandle().destroyForcibly();
        for (int round = 0; round < 5; round++) {
            List<ProcessHandle> left = members(leader);
            if (left.isEmpty()) {
                return;
            }
            left.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
