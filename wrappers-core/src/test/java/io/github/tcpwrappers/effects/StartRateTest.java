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
