/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import io.github.tcpwrappers.value.Decision;
import java.util.Optional;

/**
 * Decisions that depend on nothing but the rules and the request itself, remembered for the
 * request objects an adapter reuses (a servlet filter asks again for every request of a
 * keep-alive connection with the same {@link AccessRequest}). Only bare decisions are kept: no
 * option ran, no lookup was needed, nothing was noted, so deciding again under the same rules
 * could only give the same answer. The decision's effects (its log line, listeners) still happen
 * on every request. Slots are overwritten freely; a lost entry is only decided again.
 *
 * <p>An entry is keyed by the request object and two generations: the rules in force, and for
 * the shadow tables' own memory the shadow tables' generation beside them ({@link #IN_FORCE} for
 * the rules in force), so a reload of either table is a miss.
 */
final class RecentDecisions {
    /** The second generation of the entries of the rules in force, which no shadow table shapes. */
    static final long IN_FORCE = 0;
    private static final int SLOTS = 64; // a power of two

    // The rules' generations, not the rules: an entry must not keep a replaced rule set alive.
    private record Entry(AccessRequest request, long generation, long shadowGeneration, Decision decision) {
    }

    // Entries are immutable records, so a racy read sees a whole entry or none.
    private final Entry[] slots = new Entry[SLOTS];

    /** The decision remembered for this very request object under the tables of these generations. */
    Optional<Decision> of(AccessRequest request, long generation, long shadowGeneration) {
        Entry known = slots[System.identityHashCode(request) & (SLOTS - 1)];
        return known != null && known.request == request && known.generation == generation
                && known.shadowGeneration == shadowGeneration ? Optional.of(known.decision) : Optional.empty();
    }

    /** Remembers a decision made without any lookup, if nothing but the rules shaped it. */
    void remember(AccessRequest request, long generation, long shadowGeneration, Decision decision) {
        if (isBare(decision)) {
            slots[System.identityHashCode(request) & (SLOTS - 1)] = new Entry(request, generation, shadowGeneration,
                    decision);
        }
    }

    private static boolean isBare(Decision decision) {
        return decision.options().isEmpty() && decision.spawns().isEmpty() && decision.twist().isEmpty()
                && decision.banner().isEmpty() && decision.diagnostics().isEmpty();
    }
}
