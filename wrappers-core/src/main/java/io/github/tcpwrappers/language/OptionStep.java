/*
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
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
