/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import io.github.tcpwrappers.value.Diagnostic;
import java.time.Instant;
import java.util.List;

/**
 * One attempt to load changed rule files.
 *
 * @param applied whether the new rules are now in force (false: strict mode refused them and
 *     the previous rules stay)
 * @param generation the number of the load in force after this attempt (1 for the first)
 * @param ruleCount how many rules are in force after this attempt
 * @param problems every problem the attempt found, errors first cause for a refusal
 * @param at when the attempt finished
 */
public record ReloadEvent(boolean applied, long generation, int ruleCount, List<Diagnostic> problems, Instant at) {
    /**
     * Copies the problems.
     *
     * @param applied whether the new rules are now in force (false: strict mode refused them and
     *     the previous rules stay)
     * @param generation the number of the load in force after this attempt (1 for the first)
     * @param ruleCount how many rules are in force after this attempt
     * @param problems every problem the attempt found, errors first cause for a refusal
     * @param at when the attempt finished
     */
    public ReloadEvent {
        problems = List.copyOf(problems);
    }
}
