/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.effects;

import java.util.function.LongSupplier;

/**
 * A token bucket: holds at most {@code perSecond} starts and refills {@code perSecond} each
 * second, continuously. Not thread-safe; the runner calls it under its lock.
 */
public final class StartRate {
    private static final long SECOND = 1_000_000_000L;

    private final int perSecond;
    private final LongSupplier nanoTime;
    // One start costs SECOND units and each nanosecond refills perSecond units: integer
    // arithmetic with no rounding drift, however often it is asked.
    private long credit;
    private long last;

    public StartRate(int perSecond, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
        this.last = nanoTime.getAsLong();
        this.credit = capacity();
    }

    private long capacity() {
        return (long) perSecond * SECOND;
    }

    /** Takes one start if the bucket has one. */
    public boolean tryTake() {
        long now = nanoTime.getAsLong();
        long elapsed = now - last;
        last = now;
        if (elapsed > 0) {
            // elapsed ns * perSecond tokens/s; saturate rather than overflow after long idles.
            long refill = elapsed > SECOND ? capacity() : elapsed * perSecond;
            credit = Math.min(capacity(), credit + refill);
        }
        if (credit >= SECOND) {
            credit -= SECOND;
            return true;
        }
        return false;
    }
}
