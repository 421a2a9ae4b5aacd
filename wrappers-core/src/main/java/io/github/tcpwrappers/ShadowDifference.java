/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
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
