/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.crowdsec;

import io.github.tcpwrappers.value.Network;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The value of an {@code Ip} or {@code Range} decision as a {@link Network}. Literals only:
 * nothing here can make the JDK ask DNS, whatever the LAPI sends. Unlike {@link Network#parse},
 * a range's host bits are cleared (CrowdSec stores {@code 198.51.100.77/24} as given, a
 * firewall bouncer bans the /24) and an IPv4-mapped IPv6 address is its IPv4 address.
 */
final class Networks {
    private static final Pattern DOTTED_QUAD = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    // with a ':' the JDK parses an IPv6 literal or fails; it never resolves such a string
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern PREFIX = Pattern.compile("[0-9]{1,3}");

    private Networks() {
    }

    /** One address: {@code 203.0.113.7} or {@code 2001:db8::5}; an IPv4-mapped IPv6 address becomes its IPv4 form. */
    static Network address(CharSequence value) {
        byte[] quad = dottedQuad(value, 0, value.length());
        if (quad != null) {
            return Network.of(byAddress(quad)); // the common case, read in place: a startup pull parses a million
        }
        String text = value.toString();
        return Network.of(address(text, text));
    }

    /** A network {@code ADDR/LEN}; host bits are cleared, as a firewall bouncer would. A full-length prefix is the address alone. */
    static Network range(CharSequence text) {
        int slash = indexOf(text, '/');
        byte[] quad = slash < 0 ? null : dottedQuad(text, 0, slash);
        int prefix = quad == null ? -1 : prefixAt(text, slash + 1);
        if (prefix >= 0 && prefix <= 32) {
            return network(quad, prefix);
        }
        return rangeText(text.toString());
    }

    private static Network rangeText(String value) {
        int slash = value.indexOf('/');
        if (slash < 0 || !PREFIX.matcher(value.substring(slash + 1)).matches()) {
            throw new IllegalArgumentException("not a network ADDRESS/LENGTH: \"" + Printable.of(value) + "\"");
        }
        InetAddress base = address(value.substring(0, slash), value);
        byte[] raw = base.getAddress();
        int prefix = Integer.parseInt(value.substring(slash + 1));
        if (prefix > raw.length * 8) {
            throw new IllegalArgumentException("prefix /" + prefix + " is too long in \"" + Printable.of(value) + "\"");
        }
        return network(raw, prefix);
    }

    /** The network of {@code raw} with its host bits past {@code prefix} cleared. */
    private static Network network(byte[] raw, int prefix) {
        for (int bit = prefix; bit < raw.length * 8; bit++) {
            raw[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return new Network(byAddress(raw), prefix);
    }

    private static InetAddress byAddress(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw); // 4 or 16 bytes: never a lookup
        } catch (UnknownHostException impossible) {
            throw new IllegalArgumentException(impossible.getMessage(), impossible);
        }
    }

    /**
     * The four bytes of {@code text[from, to)} when it is exactly a dotted quad as
     * {@link #DOTTED_QUAD} says (no sign, no leading zero, each part at most 255), else null.
     */
    private static byte[] dottedQuad(CharSequence text, int from, int to) {
        byte[] raw = new byte[4];
        int i = from;
        for (int part = 0; part < 4; part++) {
            if (part > 0) {
                if (i >= to || text.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
            int start = i;
            int value = 0;
            while (i < to && i - start < 3 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                value = value * 10 + text.charAt(i) - '0';
                i++;
            }
            if (i == start || value > 255 || i - start > 1 && text.charAt(start) == '0') {
                return null;
            }
            raw[part] = (byte) value;
        }
        return i == to ? raw : null;
    }

    /** The prefix length written from {@code from} to the end (1 to 3 digits), or -1. */
    private static int prefixAt(CharSequence text, int from) {
        int n = text.length() - from;
        if (n < 1 || n > 3) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + c - '0';
        }
        return value;
    }

    private static int indexOf(CharSequence text, char c) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static InetAddress address(String text, String whole) {
        boolean literal = DOTTED_QUAD.matcher(text).matches() || text.indexOf(':') >= 0 && IPV6.matcher(text).matches();
        if (!literal) {
            throw new IllegalArgumentException("not an IP address: \"" + Printable.of(whole) + "\"");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: \"" + Printable.of(whole) + "\"", e);
        }
    }
}
