/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import io.github.tcpwrappers.value.Decision;
import io.github.tcpwrappers.value.Lookup;
import io.github.tcpwrappers.value.RuleLocation;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What {@link HostsAccess#status()} tells beyond the rules: the lookups under way and the last
 * request refused. Cheap enough for every decision: one counter per lookup, one write per denial.
 */
final class EngineActivity {
    private final AtomicInteger lookupsInFlight = new AtomicInteger();
    private volatile Optional<EngineStatus.Denial> lastDenial = Optional.empty();

    /** A lookup starts: counted until {@link #ended}. Returns the clock for its duration. */
    long began() {
        lookupsInFlight.incrementAndGet();
        return System.nanoTime();
    }

    void ended() {
        lookupsInFlight.decrementAndGet();
    }

    int lookupsInFlight() {
        return lookupsInFlight.get();
    }

    void decided(String daemon, String client, Decision decision) {
        if (decision.denied()) {
            lastDenial = Optional.of(new EngineStatus.Denial(Instant.now(), daemon, client,
                    decision.rule().map(RuleLocation::toString)));
        }
    }

    Optional<EngineStatus.Denial> lastDenial() {
        return lastDenial;
    }

    /** How a lookup that failed ended: past its deadline, or otherwise. */
    static Lookup.Result failure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
        return cause instanceof TimeoutException ? Lookup.Result.TIMEOUT : Lookup.Result.FAILED;
    }
}
