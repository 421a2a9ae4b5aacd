/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.effects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StartRateTest {
    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final StartRate rate = new StartRate(20, now::get);

    private int takeAll() {
        int n = 0;
        while (rate.tryTake()) {
            n++;
        }
        return n;
    }

    @Test
    void fullBucketAllowsOneSecondOfStartsAtOnce() {
        assertEquals(20, takeAll());
        assertFalse(rate.tryTake());
    }

    @Test
    void refillsContinuouslyAtTheRate() {
        takeAll();
        now.addAndGet(49_999_999L); // just short of 1/20 s
        assertFalse(rate.tryTake());
        now.addAndGet(1L);
        assertTrue(rate.tryTake());
        assertFalse(rate.tryTake());
        now.addAndGet(250_000_000L);
        assertEquals(5, takeAll());
    }

    @Test
    void neverHoldsMoreThanOneSecondOfStartsAfterALongIdle() {
        takeAll();
        now.addAndGet(3_600_000_000_000L);
        assertEquals(20, takeAll());
    }

    @Test
    void manyTinyStepsAddUpWithoutDrift() {
        takeAll();
        int taken = 0;
        for (int i = 0; i < 1_000_000; i++) { // 1,000,000 steps of 1 µs = 1 s
            now.addAndGet(1_000L);
            if (rate.tryTake()) {
                taken++;
            }
        }
        assertEquals(20, taken);
    }
}
