/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class FleetServerTest {

    @Test
    void decisionTimesSentAsOneLineComeBackWithTheSameCountsAndPercentiles() {
        Histogram sent = new Histogram(3);
        for (long nanos = 1; nanos < 5_000_000_000L; nanos = nanos * 3 + 7) {
            sent.recordValue(nanos);
        }
        sent.recordValueWithCount(38_000, 10_000);
        String line = FleetServer.encode(sent);
        assertFalse(line.contains(" ") || line.contains("\n"), "one word of one line: " + line);
        Histogram received = FleetServer.decode(line);
        assertEquals(sent.getTotalCount(), received.getTotalCount());
        assertEquals(sent.getMaxValue(), received.getMaxValue());
        for (double p : new double[] {50, 99, 99.9, 100}) {
            assertEquals(sent.getValueAtPercentile(p), received.getValueAtPercentile(p), "p" + p);
        }
    }

    @Test
    void aLineThatIsNoHistogramIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> FleetServer.decode("bm90IGEgaGlzdG9ncmFt"));
    }
}
