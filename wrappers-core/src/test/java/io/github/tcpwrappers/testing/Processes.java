/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Live processes counted from {@code /proc} by their command line, whoever their parent is (a
 * detached {@code (sleep 30) &} is re-parented away from the JVM, so {@code descendants()} misses
 * it). Tests give every command a distinct sleep, e.g. {@code sleep 31.7}, and count that.
 */
public final class Processes {
    private Processes() {
    }

    /** Live (non-zombie) processes whose argv is exactly {@code argv} (e.g. "sleep", "31.7"). */
    public static int alive(String... argv) {
        String wanted = String.join("\0", argv) + "\0";
        int count = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"))) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.isEmpty() || !Character.isDigit(name.charAt(0))) {
                    continue;
                }
                try {
                    String cmdline = new String(Files.readAllBytes(entry.resolve("cmdline")), StandardCharsets.ISO_8859_1);
                    String stat = Files.readString(entry.resolve("stat"), StandardCharsets.ISO_8859_1);
                    char state = stat.charAt(stat.lastIndexOf(')') + 2);
                    if (cmdline.equals(wanted) && state != 'Z' && state != 'X') {
                        count++;
                    }
                } catch (IOException | RuntimeException gone) {
                    // ended while we looked
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return count;
    }

    /** Waits up to {@code limit} for no such process to be left; returns how many are left. */
    public static int awaitNone(Duration limit, String... argv) {
        long end = System.nanoTime() + limit.toNanos();
        int left = alive(argv);
        while (left > 0 && System.nanoTime() < end) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            left = alive(argv);
        }
        return left;
    }

    /** Samples {@link #alive} on a thread of its own every 20 ms until closed; keeps the peak. */
    public static Peak peak(String... argv) {
        return new Peak(argv);
    }

    /** The most such processes seen at once. */
    public static final class Peak implements AutoCloseable {
        private final AtomicInteger max = new AtomicInteger();
        private final Thread sampler;
        private volatile boolean done;

        private Peak(String[] argv) {
            sampler = new Thread(() -> {
                while (!done) {
                    max.accumulateAndGet(alive(argv), Math::max);
                    LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
                }
            }, "process-peak");
            sampler.setDaemon(true);
            sampler.start();
        }

        /** The peak so far. */
        public int max() {
            return max.get();
        }

        @Override
        public void close() throws InterruptedException {
            done = true;
            sampler.join();
        }
    }
}
