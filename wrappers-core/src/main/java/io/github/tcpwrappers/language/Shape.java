/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.language;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the lines of a blocklist share: every byte but the address. {@code sshd: 203.0.113.7}
 * and {@code sshd: 198.51.100.2} have one shape ({@code "sshd: "} before the address, nothing
 * after it), so their daemon list and options are parsed once and held once, and each line costs
 * only its address, its line number and where it starts.
 *
 * <p>A shape is compact when its lines are rules of one exact IPv4 address whose daemon list has
 * no EXCEPT and no {@code daemon@host}: then deciding reaches them through an address index and
 * everything about them but the address is here. The first line of each shape is parsed in
 * full, which is what proves it (the other lines differ only in the address's digits).
 */
public final class Shape {
    private final byte[] prefix;
    private final byte[] suffix;
    private final int hash;
    private final PatternList<DaemonPattern> daemons;
    private final Optional<List<OptionStep>> options;
    private final boolean compact;

    private Shape(byte[] prefix, byte[] suffix, int hash, PatternList<DaemonPattern> daemons,
            Optional<List<OptionStep>> options, boolean compact) {
        this.prefix = prefix;
        this.suffix = suffix;
        this.hash = hash;
        this.daemons = daemons;
        this.options = options;
        this.compact = compact;
    }

    /**
     * The shape of {@code representative}, whose address token {@code address} sits between
     * {@code prefix} and {@code suffix} in its line.
     */
    static Shape of(byte[] prefix, byte[] suffix, int hash, Rule representative, String address) {
        return new Shape(prefix, suffix, hash, representative.daemons(), representative.options(),
                compact(representative, address));
    }

    private static boolean compact(Rule rule, String address) {
        if (!plainLists(rule)) {
            return false;
        }
        List<ClientPattern> clients = rule.clients().segments().get(0);
        return clients.size() == 1 && clients.get(0) instanceof ClientPattern.Host h
                && h.host() instanceof HostPattern.AddressOrName a && !a.triesName()
                && a.pattern() instanceof StringPattern.Exact && a.text().equals(address);
    }

    /**
     * Whether a rule's lists have no EXCEPT and its daemons no {@code daemon@host}: then
     * matching it has no side effects and needs no lookup, so a rule that an index says cannot
     * match the client may be skipped.
     */
    public static boolean plainLists(Rule rule) {
        if (!rule.daemons().simple() || !rule.clients().simple()) {
            return false;
        }
        for (DaemonPattern d : rule.daemons().segments().get(0)) {
            if (d instanceof DaemonPattern.AtServer) {
                return false;
            }
        }
        return true;
    }

    /** The daemon list every line of this shape has. */
    public PatternList<DaemonPattern> daemons() {
        return daemons;
    }

    /** The options every line of this shape has. */
    public Optional<List<OptionStep>> options() {
        return options;
    }

    /** Whether lines of this shape are held compactly (see the class comment). */
    public boolean compact() {
        return compact;
    }

    int prefixLength() {
        return prefix.length;
    }

    int suffixLength() {
        return suffix.length;
    }

    int hash() {
        return hash;
    }

    /** Whether the line bytes around an address are this shape's. */
    boolean matches(byte[] data, int lineStart, int addressStart, int addressEnd, int lineEnd) {
        return Arrays.equals(prefix, 0, prefix.length, data, lineStart, addressStart)
                && Arrays.equals(suffix, 0, suffix.length, data, addressEnd, lineEnd);
    }

    /** The rule of one line of this shape, as parsing the line in full gives it. */
    Rule rule(int line, String text) {
        String address = text.substring(prefix.length, text.length() - suffix.length);
        PatternList<ClientPattern> clients = new PatternList<>(List.of(List.of(new ClientPattern.Host(address,
                new HostPattern.AddressOrName(address, new StringPattern.Exact(address), false)))));
        return new Rule(line, line, daemons, clients, options, text);
    }

    /** A hash of the bytes around an address, as {@link #hash()} holds it. */
    static int hash(byte[] data, int lineStart, int addressStart, int addressEnd, int lineEnd) {
        int h = 1;
        for (int i = lineStart; i < addressStart; i++) {
            h = 31 * h + data[i];
        }
        h = 31 * h + 0x5A;
        for (int i = addressEnd; i < lineEnd; i++) {
            h = 31 * h + data[i];
        }
        return h;
    }
}
