/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import io.github.tcpwrappers.evaluation.RuleSet;

/**
 * The engine's rule set in force, for the benchmarks that measure evaluation itself. The
 * benchmarks run on the class path, where this class shares the engine's package; the
 * {@code rules()} it reads is not API (the module exports no evaluation types).
 */
public final class RulesInForce {
    private RulesInForce() {
    }

    /** The snapshot in force now (a volatile read). */
    public static RuleSet of(HostsAccess access) {
        return access.rules();
    }
}
