/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import io.github.tcpwrappers.effects.ProcessRunner;
import io.github.tcpwrappers.evaluation.RuleSet;
import io.github.tcpwrappers.files.FileAccess;

/**
 * The engine's internals its own tests need, reached from any test package through the
 * test-jar: they are package-private in {@link HostsAccess}, so no user of the module sees them.
 */
public final class EngineInternals {
    private EngineInternals() {
    }

    /** The rule set in force. */
    public static RuleSet rules(HostsAccess access) {
        return access.rules();
    }

    /** A builder reading files through {@code files} (a hostile or failing file system). */
    public static HostsAccess.Builder fileAccess(HostsAccess.Builder builder, FileAccess files) {
        return builder.fileAccess(files);
    }

    /** A builder running commands on a runner the test owns (and closes). */
    public static HostsAccess.Builder processRunner(HostsAccess.Builder builder, ProcessRunner runner) {
        return builder.processRunner(runner);
    }
}
