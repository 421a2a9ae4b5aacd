/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * This JVM's open file descriptors and live threads, taken before a long run so that it can be
 * shown afterwards to have left neither behind.
 *
 * <pre>{@code
 * Resources before = Resources.settled();
 * ... run ...
 * before.assertNothingLeft("soak");
 * }</pre>
 */
public record Resources(long fileDescriptors, Set<String> threads) {
    /**
     * Taken after a collection and 2.5 s, in which the idle pool threads the JDK, Netty and Jetty
     * start lazily end.
     */
    public static Resources settled() throws IOException, InterruptedException {
        System.gc();
        Thread.sleep(2500);
        return now();
    }

    /** Taken now. */
    public static Resources now() throws IOException {
        long fds;
        try (var list = Files.list(Path.of("/proc/self/fd"))) {
            fds = list.count();
        }
        // The JDK's shared "process reaper" pool (started by any child process in this JVM, such as
        // another test's spawn) keeps idle threads for 60 s: not the engine's, not a leak.
        Set<String> threads = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> !t.getName().startsWith("process reaper"))
                .map(t -> t.getName() + "#" + t.getId()).collect(Collectors.toCollection(TreeSet::new));
        return new Resources(fds, threads);
    }

    /**
     * Waits up to 15 s for the JVM to be back at no more file descriptors and no other threads
     * than these, prints both, and fails if it is not.
     */
    public void assertNothingLeft(String label) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        Resources after;
        Set<String> extra;
        do {
            Thread.sleep(200);
            after = now();
            extra = new TreeSet<>(after.threads);
            extra.removeAll(threads);
        } while ((after.fileDescriptors > fileDescriptors || !extra.isEmpty()) && System.nanoTime() < deadline);
        System.out.printf("%s: file descriptors %d before, %d after; threads %d before, new after: %s%n", label,
                fileDescriptors, after.fileDescriptors, threads.size(), extra);
        assertTrue(after.fileDescriptors <= fileDescriptors,
                "open file descriptors back to " + fileDescriptors + ": " + after.fileDescriptors);
        assertEquals(Set.of(), extra, "threads left behind");
    }
}
