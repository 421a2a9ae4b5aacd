/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spring;

import io.github.tcpwrappers.HostsAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The tables one test application reads, in a directory made before the context starts. Every
 * write replaces a table whole (a finished copy renamed over it), as the engine asks of writers.
 */
final class Tables {
    /** shop serves 127.0.0.1 and 127.0.0.3; only 127.0.0.1 may also use the admin route. */
    static final String ALLOW = "shop: 127.0.0.1, 127.0.0.3\nshop-admin: 127.0.0.1\n";
    static final String DENY = "ALL: ALL\n";

    private final Path dir;

    private Tables(Path dir) {
        this.dir = dir;
    }

    static Tables create(String prefix) {
        return create(prefix, ALLOW, DENY);
    }

    static Tables create(String prefix, String allow, String deny) {
        try {
            Tables tables = new Tables(Files.createTempDirectory(prefix));
            tables.write("hosts.allow", allow);
            tables.write("hosts.deny", deny);
            return tables;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String dir() {
        return dir.toString();
    }

    void allow(String text) {
        write("hosts.allow", text);
    }

    private void write(String name, String text) {
        try {
            Path next = dir.resolve(name + ".next");
            Files.writeString(next, text);
            Files.move(next, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts the first tables back and waits until they are in force again. */
    void restore(HostsAccess access) {
        long before = access.status().generation();
        allow(ALLOW);
        await("the first tables back in force", () -> access.status().lastRefusal().isEmpty()
                && access.status().generation() > before);
    }

    /** Polls until {@code condition} holds; the engine reloads every 100 ms in these tests. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
