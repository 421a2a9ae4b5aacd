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
