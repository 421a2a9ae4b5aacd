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

    /** Forgets everything and holds {@code bans} instead (a startup answer is the whole truth). */
    void replace(Collection<Ban> bans) {
        // sized once: a startup pull of a million bans would otherwise rehash the map twenty times
        byNetwork = new HashMap<>((int) Math.min(Integer.MAX_VALUE, bans.size() * 4L / 3 + 1));
        for (Ban ban : bans) {
            byNetwork.merge(ban.network(), ban, BanTable::longer);
        }
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
