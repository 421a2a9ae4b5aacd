/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.effects;

import org.slf4j.Logger;

/**
 * The edge of every thread and scheduled task the engine owns (reload, watch, deadlines,
 * lookups, command reaping): whatever a task throws, an {@link Error} included, is logged at
 * ERROR and the thread goes on serving. A scheduled executor silently cancels a periodic task
 * that throws, and a thread that dies of an OutOfMemoryError says nothing; neither may happen
 * to a thread that enforces access rules.
 *
 * <pre>{@code
 * executor.scheduleWithFixedDelay(() -> ThreadBoundary.run(LOG, "checking the files", this::check), ...);
 * }</pre>
 */
public final class ThreadBoundary {
    private ThreadBoundary() {
    }

    /** Runs {@code task}; anything it throws is reported as {@code what} failing, never rethrown. */
    public static void run(Logger log, String what, Runnable task) {
        try {
            task.run();
        } catch (Throwable t) {
            report(log, what, t);
        }
    }

    /** {@code task} wrapped by {@link #run}. */
    public static Runnable guarded(Logger log, String what, Runnable task) {
        return () -> run(log, what, task);
    }

    /**
     * Logs {@code failure} at ERROR. Logging may itself fail when the heap is exhausted; then
     * the bare line goes to stderr, and if even that fails there is nothing left to do.
     */
    public static void report(Logger log, String what, Throwable failure) {
        try {
            log.error("{} failed, going on: {}", what, failure.toString(), failure);
        } catch (Throwable logging) {
            try {
                System.err.println("tcpwrappers: " + what + " failed, going on: " + failure);
            } catch (Throwable ignored) {
                // Nothing can be reported; the thread still goes on.
            }
        }
    }
}
