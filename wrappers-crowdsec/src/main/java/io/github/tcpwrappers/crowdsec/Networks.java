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
    static Network address(String value) {
        return Network.of(address(value, value));
    }

    /** A network {@code ADDR/LEN}; host bits are cleared, as a firewall bouncer would. A full-length prefix is the address alone. */
    static Network range(String value) {
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
        for (int bit = prefix; bit < raw.length * 8; bit++) {
            raw[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return new Network(InetAddress.getByAddress(raw), prefix);
        } catch (UnknownHostException impossible) {
            throw new IllegalArgumentException(impossible.getMessage(), impossible);
        }
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
