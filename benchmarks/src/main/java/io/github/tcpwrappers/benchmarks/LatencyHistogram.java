/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Nanosecond latencies counted in log-linear buckets (64 per power of two above 128 ns, so a
 * percentile is within 1.6 % of the true value; the maximum is kept exactly), recorded from any
 * thread without a lock or an allocation, so a decision listener on an event loop can feed it.
 * Fixed size (about 3,600 buckets), however many values: what a 64 MB server JVM can hold while
 * it counts every decision of a long run. {@link #encode} / {@link #decode} carry it between
 * processes as one line.
 *
 * <pre>{@code
 * LatencyHistogram h = new LatencyHistogram();
 * h.record(elapsed.toNanos());
 * long p99 = h.percentile(99.0);
 * }</pre>
 */
final class LatencyHistogram {
    private static final int LINEAR = 128;
    private static final int PER_OCTAVE = 64;
    private static final int BUCKETS = LINEAR + (63 - 7) * PER_OCTAVE;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final AtomicLong max = new AtomicLong();

    /** Counts one latency of {@code nanos} (negative counts as 0). */
    void record(long nanos) {
        long v = Math.max(0, nanos);
        counts.incrementAndGet(bucket(v));
        max.accumulateAndGet(v, Math::max);
    }

    /** Forgets everything counted so far (values recorded meanwhile may land on either side). */
    void reset() {
        for (int i = 0; i < BUCKETS; i++) {
            counts.set(i, 0);
        }
        max.set(0);
    }

    /** Adds {@code other}'s counts to this one. */
    void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            long c = other.counts.get(i);
            if (c != 0) {
                counts.addAndGet(i, c);
            }
        }
        max.accumulateAndGet(other.max.get(), Math::max);
    }

    long count() {
        long n = 0;
        for (int i = 0; i < BUCKETS; i++) {
            n += counts.get(i);
        }
        return n;
    }

    long max() {
        return max.get();
    }

    /** The smallest bucket value with at least {@code p} % of the counts at or below it; 0 when empty. */
    long percentile(double p) {
        long n = count();
        if (n == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(n * p / 100.0));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return Math.min(upper(i), max.get());
            }
        }
        return max.get();
    }

    /** {@code n p50 p99 p99.9 max} in milliseconds, for a report line. */
    String summary() {
        return String.format(Locale.ROOT, "n=%d p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms", count(),
                percentile(50) / 1e6, percentile(99) / 1e6, percentile(99.9) / 1e6, max() / 1e6);
    }

    /** {@code MAX idx:count ...}, the non-empty buckets only. */
    String encode() {
        StringBuilder b = new StringBuilder().append(max.get());
        for (int i = 0; i < BUCKETS; i++) {
            long c = counts.get(i);
            if (c != 0) {
                b.append(' ').append(i).append(':').append(c);
            }
        }
        return b.toString();
    }

    /** The histogram {@link #encode} wrote. */
    static LatencyHistogram decode(String text) {
        LatencyHistogram h = new LatencyHistogram();
        String[] words = text.trim().split(" ");
        h.max.set(Long.parseLong(words[0]));
        for (int w = 1; w < words.length; w++) {
            int colon = words[w].indexOf(':');
            h.counts.set(Integer.parseInt(words[w].substring(0, colon)), Long.parseLong(words[w].substring(colon + 1)));
        }
        return h;
    }

    static int bucket(long v) {
        if (v < LINEAR) {
            return (int) v;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(v); // >= 7
        int shift = exponent - 6;
        return LINEAR + (exponent - 7) * PER_OCTAVE + (int) ((v >>> shift) - PER_OCTAVE);
    }

    /** The largest value that falls in bucket {@code i}. */
    static long upper(int i) {
        if (i < LINEAR) {
            return i;
        }
        int octave = (i - LINEAR) / PER_OCTAVE;
        int shift = octave + 1;
        long mantissa = PER_OCTAVE + (i - LINEAR) % PER_OCTAVE;
        return ((mantissa + 1) << shift) - 1;
    }
}
