/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import io.github.tcpwrappers.value.Diagnostic;
import java.util.List;
import java.util.stream.Collectors;

/** Strict loading refused the rule files; {@link #problems()} says why, each at FILE:LINE. */
public final class RulesRejectedException extends RuntimeException {
    /**
     * Every problem, in file order.
     */
    private final List<Diagnostic> problems;

    /**
     * The refusal, with every problem found.
     *
     * @param problems every problem found
     */
    public RulesRejectedException(List<Diagnostic> problems) {
        super(problems.stream().map(Diagnostic::toString).collect(Collectors.joining("\n",
                "rule files refused (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):\n", "")));
        this.problems = List.copyOf(problems);
    }

    /** {@return every problem, in file order} */
    public List<Diagnostic> problems() {
        return problems;
    }
}
