/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.language;

import io.github.tcpwrappers.text.ByteText;
import io.github.tcpwrappers.value.Diagnostic;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds rules that can never decide anything because an earlier rule matches every request they
 * match: first match wins, hosts.allow before hosts.deny. Conservative: it claims a rule dead
 * only when it can prove it from the patterns (ALL, equal tokens, a net or address prefix
 * holding the later address or net, a domain holding the later name, a wildcard matching the
 * later literal), and it ignores earlier rules with EXCEPT or with an {@code aclexec} option
 * (whose failure voids their match). Near-linear on blocklist-sized files: earlier rules that
 * hold only single addresses are found through an index, not by scanning.
 */
public final class Shadowing {

    private Shadowing() {
    }

    /**
     * The rules of both tables in decision order, by id (allow's entry positions, then deny's
     * after them), rebuilt from the compact tables only when a check needs one: a blocklist of
     * millions of lines is checked without holding a rule object per line.
     */
    private static final class Rules {
        private final RuleTable allow;
        private final RuleTable deny;
        private final int allowSize;

        Rules(RuleTable allow, RuleTable deny) {
            this.allow = allow;
            this.deny = deny;
            this.allowSize = allow.entries().size();
        }

        int id(int table, int position) {
            return table == 0 ? position : allowSize + position;
        }

        String file(int id) {
            return (id < allowSize ? allow : deny).path();
        }

        Rule rule(int id) {
            RuleTable.Entry entry = id < allowSize ? allow.entries().get(id) : deny.entries().get(id - allowSize);
            return ((RuleTable.RuleEntry) entry).rule();
        }
    }

    /** IPv4 address to the ids of the earlier rules of single addresses, ascending: primitives. */
    private static final class AddressChains {
        private long[] keys;
        private int[] firsts;
        private int[] lasts;
        private int count;
        private int[] next;

        /** Sized once for {@code expected} addresses among {@code ids} ids: no rehash garbage. */
        AddressChains(int expected, int ids) {
            int capacity = Integer.highestOneBit(Math.max(16, expected + expected / 3)) * 2;
            keys = new long[capacity];
            firsts = new int[capacity];
            lasts = new int[capacity];
            next = new int[Math.max(16, ids)];
        }

        void add(long address, int id) {
            if ((count + 1) * 4 > keys.length * 3) {
                rehash();
            }
            if (id >= next.length) {
                next = Arrays.copyOf(next, Math.max(id + 1, next.length * 2));
            }
            int slot = slot(address, keys.length);
            while (firsts[slot] != 0 && keys[slot] != address) {
                slot = (slot + 1) & (keys.length - 1);
            }
            if (firsts[slot] == 0) {
                keys[slot] = address;
                firsts[slot] = id + 1;
                count++;
            } else {
                next[lasts[slot] - 1] = id + 1;
            }
            lasts[slot] = id + 1;
            next[id] = 0;
        }

        /** The ids naming {@code address}, ascending (empty when none). */
        List<Integer> ids(long address) {
            int slot = slot(address, keys.length);
            while (firsts[slot] != 0) {
                if (keys[slot] == address) {
                    List<Integer> ids = new ArrayList<>(1);
                    for (int id = firsts[slot]; id != 0; id = next[id - 1]) {
                        ids.add(id - 1);
                    }
                    return ids;
                }
                slot = (slot + 1) & (keys.length - 1);
            }
            return List.of();
        }

        private static int slot(long address, int capacity) {
            long h = address * 0x9E37_79B9_7F4A_7C15L;
            return (int) (h >>> 40) & (capacity - 1);
        }

        private void rehash() {
            long[] oldKeys = keys;
            int[] oldFirsts = firsts;
            int[] oldLasts = lasts;
            keys = new long[oldKeys.length * 2];
            firsts = new int[keys.length];
            lasts = new int[keys.length];
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldFirsts[i] != 0) {
                    int slot = slot(oldKeys[i], keys.length);
                    while (firsts[slot] != 0) {
                        slot = (slot + 1) & (keys.length - 1);
                    }
                    keys[slot] = oldKeys[i];
                    firsts[slot] = oldFirsts[i];
                    lasts[slot] = oldLasts[i];
                }
            }
        }
    }

    /** Broad earlier rules (ALL, nets, suffixes, wildcards...) examined per rule, at most. */
    static final int MAX_BROAD_CANDIDATES = 256;

    /** A warning for each dead rule, naming the first earlier rule that covers it. */
    public static List<Diagnostic> check(RuleTable allow, RuleTable deny) {
        Rules order = new Rules(allow, deny);
        List<Diagnostic> found = new ArrayList<>();
        // Earlier rules that can cover, split so that a later rule looks only where a cover can
        // be: rules of single addresses by address, rules of exact names by name, the rest in
        // order (capped, so a file of 100,000 broad patterns stays linear; it may then miss a
        // warning, never invent one).
        List<Integer> broad = new ArrayList<>();
        AddressChains byAddress = new AddressChains(allow.ruleCount() + deny.ruleCount(),
                allow.entries().size() + deny.entries().size());
        Map<String, List<Integer>> byName = new HashMap<>();
        Map<String, List<Integer>> bySuffix = new HashMap<>();
        List<RuleTable> tables = List.of(allow, deny);
        for (int t = 0; t < 2; t++) {
            for (TableEntries.Segment segment : tables.get(t).compactEntries().segments()) {
                for (int local = 0; local < segment.size(); local++) {
                    int i = order.id(t, segment.start() + local);
                    if (segment.compact(local) && broad.isEmpty()) {
                        // One address under a shape's daemons: only an earlier rule of the same
                        // address can cover it, and mostly there is none.
                        long address = segment.address(local) & 0xFFFF_FFFFL;
                        if (byAddress.ids(address).isEmpty()) {
                            Shape shape = segment.shape(local);
                            if (canCover(shape.daemons(), shape.options())) {
                                byAddress.add(address, i);
                            }
                            continue;
                        }
                    }
                    if (segment.entry(local) instanceof RuleTable.RuleEntry r) {
                        later(order, i, r.rule(), found, broad, byAddress, byName, bySuffix);
                    }
                }
            }
        }
        return found;
    }

    private static void later(Rules order, int i, Rule later, List<Diagnostic> found, List<Integer> broad,
            AddressChains byAddress, Map<String, List<Integer>> byName, Map<String, List<Integer>> bySuffix) {
        int cover = firstCover(order, later, broad, byAddress, byName, bySuffix);
        if (cover >= 0) {
            Rule earlier = order.rule(cover);
            found.add(Diagnostic.at(Diagnostic.Level.WARNING, order.file(i), later.line(),
                    "never reached: " + order.file(cover) + ":" + earlier.line() + " (\""
                            + ByteText.toText(earlier.text()).strip() + "\") matches every request"
                            + " this rule matches, and the first match wins; remove this rule or move it"
                            + " up"));
        }
        if (!canCover(later)) {
            return;
        }
        long[] addresses = singleAddresses(later);
        List<String> names = addresses == null ? literals(later, false) : null;
        List<String> suffixes = addresses == null && names == null ? literals(later, true) : null;
        if (suffixes != null) {
            for (String n : suffixes) {
                bySuffix.computeIfAbsent(n, k -> new ArrayList<>(1)).add(i);
            }
        } else if (addresses != null) {
            for (long a : addresses) {
                byAddress.add(a, i);
            }
        } else if (names != null) {
            for (String n : names) {
                byName.computeIfAbsent(n, k -> new ArrayList<>(1)).add(i);
            }
        } else {
            broad.add(i);
        }
    }

    /** The earliest earlier rule covering {@code later}, or -1. */
    private static int firstCover(Rules order, Rule later, List<Integer> broad, AddressChains byAddress,
            Map<String, List<Integer>> byName, Map<String, List<Integer>> bySuffix) {
        int best = earliest(order, later, broad.size() > MAX_BROAD_CANDIDATES
                ? broad.subList(0, MAX_BROAD_CANDIDATES) : broad, -1);
        // A covering rule holds something that covers the later rule's first client: for rules
        // of single addresses or exact names, that is the same address or name.
        List<ClientPattern> clients = later.clients().segments().get(0);
        if (!clients.isEmpty()) {
            HostPattern first = host(clients.get(0));
            long address = single(first);
            if (address >= 0) {
                best = earliest(order, later, byAddress.ids(address), best);
            }
            String name = literal(first, false);
            if (name != null) {
                best = earliest(order, later, byName.getOrDefault(name, List.of()), best);
            }
            // A .domain rule covers a name or .domain ending in it: try each dotted tail.
            String tail = name != null ? name : literal(first, true);
            if (tail != null && !bySuffix.isEmpty()) {
                for (int dot = tail.indexOf('.'); dot >= 0; dot = tail.indexOf('.', dot + 1)) {
                    best = earliest(order, later, bySuffix.getOrDefault(tail.substring(dot), List.of()), best);
                }
            }
        }
        return best;
    }

    private static int earliest(Rules order, Rule later, List<Integer> candidates, int best) {
        for (int j : candidates) {
            if (best >= 0 && j > best) {
                break;
            }
            if (covers(order.rule(j), later)) {
                return j;
            }
        }
        return best;
    }

    /**
     * The lower-cased texts of a client list made only of exact host names (or, with
     * {@code suffixes}, only of {@code .domain} patterns), or null.
     */
    private static List<String> literals(Rule rule, boolean suffixes) {
        List<String> texts = new ArrayList<>();
        for (ClientPattern c : rule.clients().segments().get(0)) {
            String n = c instanceof ClientPattern.Host h ? literal(h.host(), suffixes) : null;
            if (n == null) {
                return null;
            }
            texts.add(n);
        }
        return texts.isEmpty() ? null : texts;
    }

    private static String literal(HostPattern p, boolean suffix) {
        if (!(p instanceof HostPattern.AddressOrName a) || !a.triesName()) {
            return null;
        }
        boolean kind = suffix ? a.pattern() instanceof StringPattern.Suffix : a.pattern() instanceof StringPattern.Exact
                && !CText.equalsIgnoreCase(a.text(), "UNKNOWN") && !CText.equalsIgnoreCase(a.text(), "PARANOID");
        return kind ? CText.toLowerAscii(a.text()) : null;
    }

    private static boolean canCover(Rule rule) {
        return rule.clients().simple() && canCover(rule.daemons(), rule.options());
    }

    private static boolean canCover(PatternList<DaemonPattern> daemons, Optional<List<OptionStep>> options) {
        return daemons.simple() && options.orElse(List.of()).stream()
                .noneMatch(s -> s instanceof OptionStep.Run r && r.kind() == OptionKind.ACLEXEC);
    }

    /** The /32 values of a client list made only of single IPv4 addresses, or null. */
    private static long[] singleAddresses(Rule rule) {
        List<ClientPattern> clients = rule.clients().segments().get(0);
        long[] values = new long[clients.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = clients.get(i) instanceof ClientPattern.Host h ? single(h.host()) : -1;
            if (values[i] < 0) {
                return null;
            }
        }
        return values.length == 0 ? null : values;
    }

    private static HostPattern host(ClientPattern c) {
        return c instanceof ClientPattern.Host h ? h.host() : ((ClientPattern.UserAtHost) c).host();
    }

    /** The value of a single IPv4 address (a /32), or -1. */
    private static long single(HostPattern p) {
        long[] net = net4(p);
        return net != null && net[1] == 0xFFFF_FFFFL ? net[0] : -1;
    }

    /** Whether every request {@code later} matches is matched (and decided) by {@code earlier}. */
    static boolean covers(Rule earlier, Rule later) {
        if (!canCover(earlier)) {
            return false;
        }
        List<DaemonPattern> theirDaemons = earlier.daemons().segments().get(0);
        List<ClientPattern> theirClients = earlier.clients().segments().get(0);
        // A later list with EXCEPT matches a subset of its first segment.
        List<DaemonPattern> myDaemons = later.daemons().segments().get(0);
        List<ClientPattern> myClients = later.clients().segments().get(0);
        if (myDaemons.isEmpty() || myClients.isEmpty()) {
            return false;
        }
        return myDaemons.stream().allMatch(d -> theirDaemons.stream().anyMatch(t -> daemonCovers(t, d)))
                && myClients.stream().allMatch(c -> theirClients.stream().anyMatch(t -> clientCovers(t, c)));
    }

    static boolean daemonCovers(DaemonPattern e, DaemonPattern r) {
        if (e instanceof DaemonPattern.Name n && n.pattern() instanceof StringPattern.All) {
            return true;
        }
        if (r instanceof DaemonPattern.AtServer ra) {
            if (e instanceof DaemonPattern.AtServer ea) {
                return daemonCovers(ea.daemon(), ra.daemon()) && hostCovers(ea.server(), ra.server());
            }
            return daemonCovers(e, ra.daemon());
        }
        if (e instanceof DaemonPattern.Port ep) {
            return r instanceof DaemonPattern.Port rp && rp.port() == ep.port();
        }
        if (e instanceof DaemonPattern.Name en && r instanceof DaemonPattern.Name rn) {
            return stringCovers(en.pattern(), rn.pattern());
        }
        return false;
    }

    static boolean clientCovers(ClientPattern e, ClientPattern r) {
        if (e instanceof ClientPattern.Host eh) {
            HostPattern rh = r instanceof ClientPattern.Host h ? h.host() : ((ClientPattern.UserAtHost) r).host();
            return hostCovers(eh.host(), rh);
        }
        ClientPattern.UserAtHost eu = (ClientPattern.UserAtHost) e;
        return r instanceof ClientPattern.UserAtHost ru && stringCovers(eu.user(), ru.user())
                && hostCovers(eu.host(), ru.host());
    }

    static boolean stringCovers(StringPattern e, StringPattern r) {
        if (e instanceof StringPattern.All) {
            return true;
        }
        if (e.getClass() == r.getClass() && e.text().equalsIgnoreCase(r.text())) {
            return true;
        }
        return e instanceof StringPattern.Wildcard w && r instanceof StringPattern.Exact && w.test(r.text());
    }

    static boolean hostCovers(HostPattern e, HostPattern r) {
        if (e instanceof HostPattern.AddressOrName ea && ea.pattern() instanceof StringPattern.All) {
            return true;
        }
        if (e.getClass() == r.getClass() && e.text().equalsIgnoreCase(r.text())
                && !(e instanceof HostPattern.Never)) {
            return true;
        }
        long[] mine = net4(r);
        long[] theirs = net4(e);
        if (mine != null && theirs != null) {
            // Both are IPv4 nets (an address is a /32): inside when the earlier mask is no longer
            // and the later net lies in the earlier one.
            return (mine[1] & theirs[1]) == theirs[1] && (mine[0] & theirs[1]) == theirs[0];
        }
        if (e instanceof HostPattern.Masked em && em.net6() != null && em.prefix6() >= 0) {
            if (r instanceof HostPattern.AddressOrName ra && ra.pattern() instanceof StringPattern.Ipv6Literal v6
                    && v6.address() != null) {
                return inside6(v6.address(), 128, em);
            }
            if (r instanceof HostPattern.Masked rm && rm.net6() != null && rm.prefix6() >= 0) {
                return inside6(rm.net6(), rm.prefix6(), em);
            }
            return false;
        }
        if (e instanceof HostPattern.AddressOrName ea && r instanceof HostPattern.AddressOrName ra) {
            String et = ea.text().toLowerCase(Locale.ROOT);
            String rt = ra.text().toLowerCase(Locale.ROOT);
            if (ea.pattern() instanceof StringPattern.Suffix) {
                boolean literal = ra.pattern() instanceof StringPattern.Exact || ra.pattern() instanceof StringPattern.Suffix;
                return literal && ra.triesName() && rt.length() > et.length() && rt.endsWith(et);
            }
            if (ea.pattern() instanceof StringPattern.Wildcard w) {
                return (ra.pattern() instanceof StringPattern.Exact) && w.test(ra.text());
            }
        }
        return false;
    }

    /** An IPv4 address, address prefix or valid net as {net, mask}, or null. */
    private static long[] net4(HostPattern p) {
        if (p instanceof HostPattern.Masked m) {
            return m.valid4() && (m.net4() & m.mask4()) == m.net4() ? new long[] {m.net4(), m.mask4()} : null;
        }
        if (!(p instanceof HostPattern.AddressOrName a) || a.triesName()) {
            return null;
        }
        String t = a.text();
        boolean prefix = a.pattern() instanceof StringPattern.Prefix;
        if (!prefix && !(a.pattern() instanceof StringPattern.Exact)) {
            return null;
        }
        // Plain decimal octets only (no leading zeros: those are octal to inet_addr), so that
        // the text and the value agree.
        long net = 0;
        int octets = 0;
        int i = 0;
        while (i < t.length()) {
            int start = i;
            int value = 0;
            while (i < t.length() && CText.isDigit(t.charAt(i)) && i - start < 3) {
                value = value * 10 + (t.charAt(i++) - '0');
            }
            if (i == start || value > 255 || (i - start > 1 && t.charAt(start) == '0') || octets == 4) {
                return null;
            }
            net = (net << 8) | value;
            octets++;
            if (i == t.length()) {
                break;
            }
            if (t.charAt(i++) != '.') {
                return null;
            }
            if (i == t.length() && !prefix) {
                return null;
            }
        }
        boolean endsWithDot = t.endsWith(".");
        if (prefix ? !endsWithDot || octets > 3 : endsWithDot || octets != 4) {
            return null;
        }
        net <<= 8 * (4 - octets);
        long mask = (0xFFFF_FFFFL << (32 - 8 * octets)) & 0xFFFF_FFFFL;
        return new long[] {net, mask};
    }

    private static boolean inside6(byte[] net, int prefix, HostPattern.Masked outer) {
        if (prefix < outer.prefix6()) {
            return false;
        }
        int bits = outer.prefix6();
        byte[] o = outer.net6();
        for (int i = 0; i < bits / 8; i++) {
            if (net[i] != o[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int m = (0xFF << (8 - rest)) & 0xFF;
        return (net[bits / 8] & m) == (o[bits / 8] & m);
    }
}
