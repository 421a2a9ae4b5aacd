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
