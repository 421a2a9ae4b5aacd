/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.crowdsec;

import io.github.tcpwrappers.value.Network;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The bans a bouncer holds, one per network, as the Local API streams them. CrowdSec 1.4.6
 * speaks per value, not per decision: of several decisions on one address it sends the longest,
 * and it reports a deletion only once no decision is left on the value, under the id of the last
 * one (which a bouncer may never have been sent). So a deletion removes the network whatever the
 * id, and a new decision never shortens a longer ban already held: a LAPI that sent only the new,
 * shorter one of two would otherwise let the address in early. Confined to the poll thread.
 */
final class BanTable {
    private Map<Network, Ban> byNetwork = new HashMap<>();

    /** What changed: bans new or longer ({@code put}) and networks no longer banned ({@code gone}). */
    record Change(List<Ban> put, List<Network> gone) {
        boolean isEmpty() {
            return put.isEmpty() && gone.isEmpty();
        }
    }

    /** Everything held, one ban per network. */
    List<Ban> entries() {
        return List.copyOf(byNetwork.values());
    }

    int size() {
        return byNetwork.size();
    }

    /**
     * The bans of a whole (startup) answer as it is parsed, one per network, the longest; not in
     * force until the answer has parsed whole and {@link #replace} or {@link #reconcile} takes it.
     */
    static final class Whole implements Consumer<Ban> {
        private final Map<Network, Ban> byNetwork;

        /** For about {@code expected} bans: sized once, a million would otherwise rehash the map twenty times. */
        Whole(int expected) {
            byNetwork = new HashMap<>((int) Math.min(1 << 30, Math.max(16, expected * 4L / 3 + 1)));
        }

        @Override
        public void accept(Ban ban) {
            byNetwork.merge(ban.network(), ban, BanTable::longer);
        }
    }

    /** Forgets everything and holds {@code whole} instead (a startup answer is the whole truth). */
    void replace(Whole whole) {
        byNetwork = whole.byNetwork;
    }

    /**
     * Holds {@code fresh} (a later whole answer) instead and says what that changed. A ban held
     * under the same decision id stays as it is (its expiry was reckoned when it first came; a
     * decision's end never moves), so an unchanged list is an empty change.
     */
    Change reconcile(Whole whole) {
        Map<Network, Ban> fresh = whole.byNetwork;
        List<Ban> put = new ArrayList<>();
        for (Map.Entry<Network, Ban> entry : fresh.entrySet()) {
            Ban held = byNetwork.remove(entry.getKey());
            if (held != null && held.id() == entry.getValue().id()) {
                entry.setValue(held);
            } else {
                put.add(entry.getValue());
            }
        }
        // what is left was not in the whole answer: deleted or expired meanwhile
        List<Network> gone = List.copyOf(byNetwork.keySet());
        byNetwork = fresh;
        return new Change(List.copyOf(put), gone);
    }

    /** Applies a delta answer: the deleted networks first, then the new decisions. */
    Change apply(Collection<Ban> added, Collection<Network> deleted) {
        Map<Network, Ban> put = new LinkedHashMap<>();
        List<Network> gone = new ArrayList<>();
        for (Network network : deleted) {
            if (byNetwork.remove(network) != null) {
                gone.add(network);
            }
        }
        for (Ban ban : added) {
            Ban held = byNetwork.get(ban.network());
            Ban kept = held == null ? ban : longer(held, ban);
            if (!kept.equals(held)) {
                byNetwork.put(ban.network(), kept);
                put.put(ban.network(), kept);
                gone.remove(ban.network());
            }
        }
        return new Change(List.copyOf(put.values()), List.copyOf(gone));
    }

    /** Drops what has expired by {@code now}. */
    Change expire(Instant now) {
        List<Network> gone = new ArrayList<>();
        byNetwork.values().removeIf(ban -> {
            if (!ban.inForce(now)) {
                gone.add(ban.network());
                return true;
            }
            return false;
        });
        return new Change(List.of(), List.copyOf(gone));
    }

    /** The one that lasts longer; on a tie the newer decision (higher id), so the answer is stable. */
    private static Ban longer(Ban a, Ban b) {
        int order = a.expires().compareTo(b.expires());
        return order > 0 || order == 0 && a.id() > b.id() ? a : b;
    }
}
