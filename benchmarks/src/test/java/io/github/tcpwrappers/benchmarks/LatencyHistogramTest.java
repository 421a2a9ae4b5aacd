/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LatencyHistogramTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 127, 128, 129, 255, 256, 1_000, 65_535, 1_000_000, 123_456_789, 60_000_000_000L,
            Long.MAX_VALUE})
    void everyValueFallsInABucketWhoseUpperBoundIsWithinOnePointSixPercent(long value) {
        int bucket = LatencyHistogram.bucket(value);
        long upper = LatencyHistogram.upper(bucket);
        assertTrue(upper >= value, () -> value + " above its bucket's bound " + upper);
        assertTrue(upper - value <= Math.max(1, value / 62), () -> value + " too far below " + upper);
        if (bucket > 0) {
            assertTrue(LatencyHistogram.upper(bucket - 1) < value, () -> value + " belongs to an earlier bucket");
        }
    }

    @Test
    void percentilesMatchTheSortedValuesWithinTheBucketError() {
        Random random = new Random(7);
        long[] values = new long[100_000];
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < values.length; i++) {
            values[i] = (long) Math.exp(random.nextDouble() * 20); // 1 ns .. 0.5 s, spread over the octaves
            h.record(values[i]);
        }
        Arrays.sort(values);
        for (double p : new double[] {50, 99, 99.9}) {
            long exact = values[(int) Math.ceil(values.length * p / 100) - 1];
            long reported = h.percentile(p);
            assertTrue(reported >= exact && reported - exact <= Math.max(1, exact / 62),
                    () -> "p" + p + ": " + reported + " for " + exact);
        }
        assertEquals(values[values.length - 1], h.max(), "the maximum is exact");
        assertEquals(values.length, h.count());
    }

    @Test
    void aHistogramSurvivesItsLineAndAddsUpWithAnother() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        for (long v = 1; v < 10_000_000; v *= 3) {
            a.record(v);
            b.record(v * 2);
        }
        LatencyHistogram copy = LatencyHistogram.decode(a.encode());
        assertEquals(a.encode(), copy.encode());
        copy.add(b);
        assertEquals(a.count() + b.count(), copy.count());
        assertEquals(b.max(), copy.max());
        copy.reset();
        assertEquals(0, copy.count());
        assertEquals(0, copy.percentile(99));
    }
}
