/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import io.github.tcpwrappers.effects.FlightEvents;
import io.github.tcpwrappers.value.Decision;

/**
 * What one decision's observers need to know about it beyond its verdict: when it started and
 * how many lookups it made, and its JFR event when a recording wants one. An engine that nobody
 * observes uses {@link #NONE} and reads no clock.
 */
final class DecisionTrace {
    /** Nobody listens and nothing records: nothing is measured. */
    static final DecisionTrace NONE = new DecisionTrace(0, null);

    private final long startNanos;
    /** Begun at the start of the check; null when no recording wants decision events. */
    private final FlightEvents.Decision flight;
    // Written along one decision's chain of stages, each step happening before the next.
    private int lookups;

    private DecisionTrace(long startNanos, FlightEvents.Decision flight) {
        this.startNanos = startNanos;
        this.flight = flight;
    }

    /**
     * A trace for a decision starting now, or {@link #NONE} when neither a listener nor a
     * recording would hear of it. The JFR event is created only to ask whether it is enabled;
     * when it is not, the JIT drops it.
     */
    static DecisionTrace start(boolean listened) {
        FlightEvents.Decision event = new FlightEvents.Decision();
        boolean recorded = event.isEnabled();
        if (!listened && !recorded) {
            return NONE;
        }
        if (recorded) {
            event.begin();
        }
        return new DecisionTrace(System.nanoTime(), recorded ? event : null);
    }

    /** Counts one lookup made for this decision. */
    void lookedUp() {
        if (this != NONE) {
            lookups++;
        }
    }

    int lookups() {
        return lookups;
    }

    long elapsedNanos() {
        return this == NONE ? 0 : System.nanoTime() - startNanos;
    }

    /** Commits the JFR event, if one was begun and the recording's threshold keeps it. */
    void recorded(String daemon, String client, Decision decision) {
        if (flight != null && flight.shouldCommit()) {
            flight.daemon = daemon;
            flight.client = client;
            flight.verdict = decision.granted() ? "granted" : "denied";
            flight.rule = decision.rule().map(Object::toString).orElse("");
            flight.lookups = lookups;
            flight.commit();
        }
    }
}
