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
 */
final class RecentDecisions {
    private static final int SLOTS = 64; // a power of two

    // The rules' generation, not the rules: an entry must not keep a replaced rule set alive.
    private record Entry(AccessRequest request, long generation, Decision decision) {
    }

    // Entries are immutable records, so a racy read sees a whole entry or none.
    private final Entry[] slots = new Entry[SLOTS];

    /** The decision remembered for this very request object under the rules of this generation. */
    Optional<Decision> of(AccessRequest request, long generation) {
        Entry known = slots[System.identityHashCode(request) & (SLOTS - 1)];
        return known != null && known.request == request && known.generation == generation
                ? Optional.of(known.decision) : Optional.empty();
    }

    /** Remembers a decision made without any lookup, if nothing but the rules shaped it. */
    void remember(AccessRequest request, long generation, Decision decision) {
        if (isBare(decision)) {
            slots[System.identityHashCode(request) & (SLOTS - 1)] = new Entry(request, generation, decision);
        }
    }

    private static boolean isBare(Decision decision) {
        return decision.options().isEmpty() && decision.spawns().isEmpty() && decision.twist().isEmpty()
                && decision.banner().isEmpty() && decision.diagnostics().isEmpty();
    }
}
