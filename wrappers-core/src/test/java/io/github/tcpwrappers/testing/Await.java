/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for something another thread does (a reload, a log line, a started command), with a limit. */
public final class Await {
    private Await() {
    }

    /** Polls {@code done} every 5 ms; fails naming {@code what} when it is not true within {@code limit}. */
    public static void until(String what, Duration limit, BooleanSupplier done) throws InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out after " + limit.toMillis() + " ms waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
