/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.language;

import java.util.Optional;

/**
 * One field of a rule's option text, checked as far as the text alone allows. libwrap checks
 * each option only when it reaches it, after running the ones before, so a rule keeps its steps
 * in order and evaluation walks them.
 */
public sealed interface OptionStep {

    /** A field libwrap rejects before running it: the rule denies there. */
    record Rejected(String message) implements OptionStep {
    }

    /**
     * A field with a known name and a value of the right presence.
     *
     * @param name the name as written
     * @param kind the option
     * @param value the value as written (trimmed), unexpanded
     * @param failure for options whose value is checked as they run (umask, linger, nice,
     *     rfc931, severity, user, group): the error libwrap reports, if any
     * @param number the checked numeric value (umask, linger, nice, rfc931 seconds, severity
     *     priority), or -1
     */
    record Run(String name, OptionKind kind, Optional<String> value, Optional<String> failure, int number)
            implements OptionStep {
    }
}
