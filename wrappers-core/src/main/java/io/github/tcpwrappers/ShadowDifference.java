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

import io.github.tcpwrappers.value.RuleLocation;
import java.util.Objects;
import java.util.Optional;

/**
 * A request the shadow rules would have decided otherwise than the rules in force. Nothing was
 * enforced from the shadow rules: the client got the verdict in force.
 *
 * @param daemon the daemon asked for
 * @param client the client's numeric address ({@code unknown} for a non-IP peer)
 * @param shadowGranted what the shadow rules would have done
 * @param shadowRule the shadow rule that would have decided; empty when none matched (a default grant)
 * @param inForceRule the rule in force that decided; empty when none matched
 */
public record ShadowDifference(String daemon, String client, boolean shadowGranted, Optional<RuleLocation> shadowRule,
        Optional<RuleLocation> inForceRule) {
    /**
     * Checks that no component is null.
     *
     * @param daemon the daemon asked for
     * @param client the client's numeric address ({@code unknown} for a non-IP peer)
     * @param shadowGranted what the shadow rules would have done
     * @param shadowRule the shadow rule that would have decided; empty when none matched (a default
     *     grant)
     * @param inForceRule the rule in force that decided; empty when none matched
     */
    public ShadowDifference {
        Objects.requireNonNull(daemon, "daemon");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(shadowRule, "shadowRule");
        Objects.requireNonNull(inForceRule, "inForceRule");
    }

    /**
     * The line the engine logs, as documented in LOGGING.md: {@code shadow: would deny sshd from
     * 127.0.0.2 (/etc/shadow/hosts.deny:7, in force: /etc/hosts.allow:3)}; a side where no rule
     * matched reads {@code no rule}.
     *
     * @return the log line
     */
    public String logLine() {
        return "shadow: would " + (shadowGranted ? "grant " : "deny ") + daemon + " from " + client + " ("
                + shadowRule.map(RuleLocation::toString).orElse("no rule") + ", in force: "
                + inForceRule.map(RuleLocation::toString).orElse("no rule") + ")";
    }
}
