/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import io.github.tcpwrappers.value.VerdictChange;

/**
 * Hears that verdicts may have changed, so a door can decide again for the connections it holds
 * open and end those now denied. Called on the engine's one verdict-change thread, one change
 * after another, never on the thread that put the change in force: keep it short, never block.
 *
 * <pre>{@code
 * AutoCloseable subscription = access.subscribe(change -> {
 *     for (Connection c : open) {
 *         if (change.concerns(c.client())) c.eventLoop().execute(() -> c.decideAgain());
 *     }
 * });
 * }</pre>
 */
@FunctionalInterface
public interface VerdictListener {

    /**
     * Verdicts for the clients {@code change} concerns may have changed.
     *
     * @param change what changed
     */
    void onVerdictChange(VerdictChange change);
}
