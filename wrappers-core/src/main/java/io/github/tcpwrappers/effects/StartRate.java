/*
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
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
