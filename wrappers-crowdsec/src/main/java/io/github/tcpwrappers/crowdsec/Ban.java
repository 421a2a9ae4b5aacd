/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.crowdsec;

import io.github.tcpwrappers.value.ListEntry;
import io.github.tcpwrappers.value.Network;
import java.time.Instant;
import java.util.Objects;

/**
 * One CrowdSec decision in force: the network it bans and until when, and where it came from.
 *
 * @param id the LAPI's decision id (deletions name it)
 * @param network the address or network banned ({@code 203.0.113.7}, {@code 198.51.100.0/24}),
 *     host bits cleared
 * @param type the decision's type, e.g. {@code ban}
 * @param expires when it stops, from the duration the LAPI sent and the bouncer's clock when the
 *     answer came
 * @param origin who decided it: {@code cscli}, {@code crowdsec}, {@code CAPI}, a machine
 * @param reason the scenario, e.g. {@code crowdsecurity/ssh-bf} or {@code manual 'ban' from 'm1'}
 */
public record Ban(long id, Network network, String type, Instant expires, String origin, String reason) {
    /**
     * Checks that no component is null.
     *
     * @param id the LAPI's decision id (deletions name it)
     * @param network the address or network banned ({@code 203.0.113.7}, {@code 198.51.100.0/24}),
     *     host bits cleared
     * @param type the decision's type, e.g. {@code ban}
     * @param expires when it stops, from the duration the LAPI sent and the bouncer's clock when
     *     the answer came
     * @param origin who decided it: {@code cscli}, {@code crowdsec}, {@code CAPI}, a machine
     * @param reason the scenario, e.g. {@code crowdsecurity/ssh-bf} or
     *     {@code manual 'ban' from 'm1'}
     */
    public Ban {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * As an entry of a bound list; origin and reason as the LAPI gave them (made printable, capped).
     *
     * @return the list entry
     */
    public ListEntry toListEntry() {
        return new ListEntry(network, expires, origin, reason);
    }

    /**
     * {@return whether it is still in force at {@code now}}
     *
     * @param now the time to judge by
     */
    public boolean inForce(Instant now) {
        return now.isBefore(expires);
    }
}
