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
