package io.github.tcpwrappers.evaluation;

import io.github.tcpwrappers.RuleLocation;
import io.github.tcpwrappers.language.ClientPattern;
import io.github.tcpwrappers.language.DaemonPattern;
import io.github.tcpwrappers.language.HostPattern;
import io.github.tcpwrappers.language.RuleTable;
import io.github.tcpwrappers.language.StringPattern;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table ready for deciding. Rules whose client list is nothing but exact numeric addresses
 * (what DenyHosts and fail2ban write) go into an address index; everything else stays in a
 * short list scanned in order. A decision merges the two by position, so first-match order is
 * exactly libwrap's while an address absent from the index costs one hash lookup.
 */
final class CompiledTable {
    private static final int[] NONE = new int[0];

    final RuleTable table;
    final RuleTable.Entry[] entries;
    final int[] scanned;
    private final Map<String, int[]> byAddress;
    /**
     * The decision of each rule without options, made when first reached: it depends on nothing
     * but the rule, so every request that stops there shares one (a busy server allocates none).
     */
    private final Outcome.Decided[] plainOutcomes;

    CompiledTable(RuleTable table) {
        this.table = table;
        this.entries = table.entries().toArray(new RuleTable.Entry[0]);
        int[] scan = new int[entries.length];
        int scanCount = 0;
        Map<String, int[]> index = new HashMap<>(entries.length * 4 / 3 + 1);
        for (int i = 0; i < entries.length; i++) {
            List<String> keys = entries[i] instanceof RuleTable.RuleEntry r ? indexKeys(r) : null;
            if (keys == null) {
                scan[scanCount++] = i;
                continue;
            }
            for (String key : keys) {
                int position = i;
                // Positions ascend as rules are added; most addresses appear once, so one int[1].
                index.merge(key, new int[] {position}, (at, one) -> at[at.length - 1] == position ? at : append(at, position));
            }
        }
        this.scanned = java.util.Arrays.copyOf(scan, scanCount);
        this.byAddress = index;
        this.plainOutcomes = new Outcome.Decided[entries.length];
    }

    /**
     * The shared outcome of reaching the option-less rule at {@code at} with nothing noted on the
     * way. Two threads may both make it the first time; either copy is the same decision.
     */
    Outcome.Decided plainOutcome(int at, boolean granted) {
        Outcome.Decided known = plainOutcomes[at];
        if (known == null) {
            int line = ((RuleTable.RuleEntry) entries[at]).rule().line();
            known = new Outcome.Decided(Evaluation.plainDecision(granted, Optional.of(new RuleLocation(table.path(), line))));
            plainOutcomes[at] = known;
        }
        return known;
    }

    private static int[] append(int[] at, int position) {
        int[] grown = java.util.Arrays.copyOf(at, at.length + 1);
        grown[at.length] = position;
        return grown;
    }

    /**
     * The addresses under which a rule can be indexed, or null when it must be scanned: its
     * daemon list has no EXCEPT and no {@code daemon@host} (so matching it has no side effects
     * and needs no lookup), and its client list has no EXCEPT and only purely numeric exact
     * patterns (compared with the address text alone).
     */
    private static List<String> indexKeys(RuleTable.RuleEntry entry) {
        var rule = entry.rule();
        if (!rule.daemons().simple() || !rule.clients().simple()) {
            return null;
        }
        for (DaemonPattern d : rule.daemons().segments().get(0)) {
            if (d instanceof DaemonPattern.AtServer) {
                return null;
            }
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

    /** Positions of indexed rules that name this client address, ascending. */
    int[] candidates(String clientAddress) {
        if (byAddress.isEmpty()) {
            return NONE;
        }
        int[] at = byAddress.get(StringPattern.stripMapped(clientAddress));
        return at == null ? NONE : at;
    }

    /** True when deciding this client cannot reach any entry of this (readable) table. */
    boolean nothingFor(String clientAddress) {
        return scanned.length == 0 && table.unreadable().isEmpty() && candidates(clientAddress).length == 0;
    }

}
