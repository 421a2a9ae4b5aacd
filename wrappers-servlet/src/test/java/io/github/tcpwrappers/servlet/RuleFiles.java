/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.servlet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** hosts.allow / hosts.deny in a test directory, replaced whole so a reload never sees half a file. */
record RuleFiles(Path dir) {

    Path allow() {
        return dir.resolve("hosts.allow");
    }

    Path deny() {
        return dir.resolve("hosts.deny");
    }

    RuleFiles allow(String... lines) {
        write(allow(), lines);
        return this;
    }

    RuleFiles deny(String... lines) {
        write(deny(), lines);
        return this;
    }

    /** A banner file {@code banners/daemon}; the rule option is {@code banners DIR}. */
    Path banner(String daemon, String text) {
        Path banners = dir.resolve("banners");
        try {
            Files.createDirectories(banners);
            Files.writeString(banners.resolve(daemon), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return banners;
    }

    private static void write(Path file, String... lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        try {
            Path next = file.resolveSibling(file.getFileName() + ".next");
            Files.writeString(next, text);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
