/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.evaluation;

import io.github.tcpwrappers.language.ClientPattern;
import io.github.tcpwrappers.language.HostPattern;
import io.github.tcpwrappers.language.OptionStep;
import io.github.tcpwrappers.language.Rule;
import io.github.tcpwrappers.language.RuleTable;
import io.github.tcpwrappers.language.Shape;
import io.github.tcpwrappers.language.StringPattern;
import io.github.tcpwrappers.language.TableEntries;
import io.github.tcpwrappers.value.Decision;
import io.github.tcpwrappers.value.RuleLocation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table ready for deciding. Rules whose client list is nothing but exact numeric addresses
 * (what DenyHosts and fail2ban write) are found through an index: the compact lines through
 * their segment's IPv4 index (see {@link TableEntries}), other such rules through a map by
 * address text; everything else stays in a short list scanned in order. A decision merges them
 * by position, segment after segment, so first-match order is exactly libwrap's while an address
 * absent from the indexes costs one probe per segment.
 */
final class CompiledTable {
    private static final int[] NONE = new int[0];

    final RuleTable table;
    final Part[] parts;

    /** What deciding needs of one segment. */
    static final class Part {
        final TableEntries.Segment segment;
        /** Local positions of the entries that must be looked at in order. */
        final int[] scanned;
        private final Map<String, int[]> byAddress;
        /**
         * The decision of each rule without options, made when first reached: it depends on
         * nothing but the rule, so every request that stops there shares one (a busy server
         * allocates none).
         */
        private final Outcome.Decided[] plainOutcomes;

        Part(TableEntries.Segment segment) {
            this.segment = segment;
            int n = segment.size();
            int[] scan = new int[16];
            int scanCount = 0;
            Map<String, int[]> index = new HashMap<>();
            for (int i = 0; i < n; i++) {
                if (segment.compact(i)) {
                    continue;
                }
                RuleTable.Entry entry = segment.entry(i);
                List<String> keys = entry instanceof RuleTable.RuleEntry r ? indexKeys(r.rule()) : null;
                if (keys == null) {
                    if (scanCount == scan.length) {
                        scan = Arrays.copyOf(scan, scanCount * 2);
                    }
                    scan[scanCount++] = i;
                    continue;
                }
                for (String key : keys) {
                    int position = i;
                    // Positions ascend as rules are added; most addresses appear once, so one int[1].
                    index.merge(key, new int[] {position}, (at, one) -> at[at.length - 1] == position ? at : append(at, position));
                }
            }
            this.scanned = Arrays.copyOf(scan, scanCount);
            this.byAddress = index.isEmpty() ? Map.of() : index;
            this.plainOutcomes = new Outcome.Decided[n];
        }

        /** Local positions of non-compact indexed rules that name this client address, ascending. */
        int[] candidates(String clientAddress) {
            if (byAddress.isEmpty()) {
                return NONE;
            }
            int[] at = byAddress.get(StringPattern.stripMapped(clientAddress));
            return at == null ? NONE : at;
        }

        /** The first compact line naming the client, or -1. */
        int firstCompact(long clientIpv4) {
            return clientIpv4 < 0 ? -1 : segment.firstWith((int) clientIpv4);
        }

        /** libwrap's line number of the rule at a local position. */
        int line(int local) {
            return segment.line(local);
        }

        /** The options of the rule at a local position. */
        Optional<List<OptionStep>> options(int local) {
            if (segment.compact(local)) {
                return segment.shape(local).options();
            }
            return ((RuleTable.RuleEntry) segment.entry(local)).rule().options();
        }
    }

    CompiledTable(RuleTable table) {
        this(table, null);
    }

    /** Compiles {@code table}, reusing the parts of {@code previous} whose segments it shares. */
    CompiledTable(RuleTable table, CompiledTable previous) {
        this.table = table;
        List<TableEntries.Segment> segments = table.compactEntries().segments();
        this.parts = new Part[segments.size()];
        for (int s = 0; s < parts.length; s++) {
            TableEntries.Segment segment = segments.get(s);
            parts[s] = previous != null && s < previous.parts.length && previous.parts[s].segment == segment
                    ? previous.parts[s] : new Part(segment);
        }
    }

    /**
     * The shared outcome of reaching the option-less rule at {@code local} of {@code part} with
     * nothing noted on the way. Two threads may both make it the first time; either copy is the
     * same decision.
     */
    Outcome.Decided plainOutcome(Part part, int local, boolean granted) {
        Outcome.Decided known = part.plainOutcomes[local];
        if (known == null) {
            int line = part.line(local);
            known = new Outcome.Decided(Decision.plain(granted, Optional.of(new RuleLocation(table.path(), line))));
            part.plainOutcomes[local] = known;
        }
        return known;
    }

    private static int[] append(int[] at, int position) {
        int[] grown = Arrays.copyOf(at, at.length + 1);
        grown[at.length] = position;
        return grown;
    }

    /**
     * The addresses under which a rule can be indexed, or null when it must be scanned: its
     * daemon list has no EXCEPT and no {@code daemon@host} (so matching it has no side effects
     * and needs no lookup), and its client list has no EXCEPT and only purely numeric exact
     * patterns (compared with the address text alone).
     */
    private static List<String> indexKeys(Rule rule) {
        if (!Shape.plainLists(rule)) {
            return null;
        }
        List<ClientPattern> clients = rule.clients().segments().get(0);
        if (clients.isEmpty()) {
            return null;
        }
        List<String> keys = new ArrayList<>(clients.size());
        for (ClientPattern c : clients) {
            if (!(c instanceof ClientPattern.Host h)
                    || !(h.host() instanceof HostPattern.AddressOrName a)
                    || !(a.pattern() instanceof StringPattern.Exact exact)
                    || a.triesName()) {
                return null;
            }
            keys.add(exact.text());
        }
        return keys;
    }

    /** True when deciding this client cannot reach any entry of this (readable) table. */
    boolean nothingFor(Facts facts) {
        if (table.unreadable().isPresent()) {
            return false;
        }
        for (Part part : parts) {
            if (part.scanned.length != 0 || part.candidates(facts.clientAddress).length != 0
                    || part.firstCompact(facts.clientIpv4) >= 0) {
                return false;
            }
        }
        return true;
    }
}
