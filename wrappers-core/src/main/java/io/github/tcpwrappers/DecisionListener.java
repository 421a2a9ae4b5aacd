/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import io.github.tcpwrappers.value.Decision;
import java.time.Duration;

/**
 * Hears every decision, for counting, alerting or metrics. Called on the thread that finished
 * the decision; keep it quick and do not throw.
 *
 * <pre>{@code
 * HostsAccess access = HostsAccess.builder()
 *     .listener((request, decision, took) -> if (decision.denied()) denied.increment())
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface DecisionListener {

    /**
     * @param request what was asked
     * @param decision the answer
     * @param elapsed from the start of the check to the decision, lookups included
     */
    void onDecision(AccessRequest request, Decision decision, Duration elapsed);

    /**
     * What the engine calls: the decision with the number of name and ident lookups it needed
     * (0 for most), for a listener that times looked-up decisions apart. By default, the
     * three-argument form.
     *
     * @param lookups how many lookups this decision made (a remembered or given name counts none)
     * @param request the request decided
     * @param decision its decision
     * @param elapsed how long deciding took
     */
    default void onDecision(AccessRequest request, Decision decision, Duration elapsed, int lookups) {
        onDecision(request, decision, elapsed);
    }
}
