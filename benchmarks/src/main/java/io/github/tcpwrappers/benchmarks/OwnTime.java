/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Wraps a filter and adds up the time from entering it to its call of the rest of the chain: the
 * filter's own cost per request as the running server pays it (caches cold from the network
 * stack between requests), which a microbenchmark's hot loop does not show. Two
 * {@code System.nanoTime()} calls and a lambda per request are the price.
 */
final class OwnTime implements Filter {
    /** Nanoseconds and requests so far. */
    static final class Totals {
        final LongAdder nanos = new LongAdder();
        final LongAdder requests = new LongAdder();
        /** Requests by own time in 50 ns steps, the last counting everything from 25.6 us. */
        private final AtomicLongArray steps = new AtomicLongArray(513);

        void add(long ownNanos) {
            nanos.add(ownNanos);
            requests.increment();
            steps.incrementAndGet((int) Math.min(512, ownNanos / 50));
        }

        void reset() {
            nanos.reset();
            requests.reset();
            for (int i = 0; i < steps.length(); i++) {
                steps.set(i, 0);
            }
        }

        /** The median own time, to 50 ns: unlike the mean, not moved by the rare request preempted inside the filter. */
        double medianMicros() {
            long total = 0;
            for (int i = 0; i < steps.length(); i++) {
                total += steps.get(i);
            }
            long seen = 0;
            for (int i = 0; i < steps.length(); i++) {
                seen += steps.get(i);
                if (seen * 2 >= total) {
                    return (i * 50 + 25) / 1e3;
                }
            }
            return 0;
        }

        double microsPerRequest() {
            return nanos.sum() / 1e3 / Math.max(1, requests.sum());
        }
    }

    private final Filter inner;
    private final Totals totals;

    OwnTime(Filter inner, Totals totals) {
        this.inner = inner;
        this.totals = totals;
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        inner.init(config);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long start = System.nanoTime();
        inner.doFilter(request, response, (req, res) -> {
            totals.add(System.nanoTime() - start);
            chain.doFilter(req, res);
        });
    }

    @Override
    public void destroy() {
        inner.destroy();
    }
}
