/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.language;

import io.github.tcpwrappers.text.ByteText;

/**
 * Which {@code %zone} suffixes glibc's getaddrinfo accepts on a numeric IPv6 address
 * ({@code __inet6_scopeid_pton}): on a link-local unicast or link/node-local multicast address
 * the name of an interface of this machine, and on any address a decimal number up to
 * 2<sup>32</sup>-1 (leading zeros allowed, nothing after the digits). Anything else makes the
 * whole text "not an address", so a pattern or client with such a zone matches no address
 * pattern. libwrap ignores the zone once it is accepted.
 *
 * <p>The interface test is the one question the language has for the machine; it is asked of
 * the {@link InterfaceNames} the edge passed in, and only for link-local texts with a
 * non-numeric zone, which the doors never produce (they pass addresses without a scope id).
 */
final class ScopeIds {
    private static final long MAX_SCOPE = 0xFFFF_FFFFL;

    private ScopeIds() {
    }

    static boolean accepted(byte[] address, String zone, InterfaceNames interfaces) {
        if (linkScoped(address) && isInterface(zone, interfaces)) {
            return true;
        }
        if (zone.isEmpty() || !CText.isDigit(zone.charAt(0))) {
            return false;
        }
        long value = 0;
        for (int i = 0; i < zone.length(); i++) {
            char c = zone.charAt(i);
            if (!CText.isDigit(c)) {
                return false;
            }
            value = value * 10 + (c - '0');
            if (value > MAX_SCOPE) {
                return false;
            }
        }
        return true;
    }

    /** IN6_IS_ADDR_LINKLOCAL, IN6_IS_ADDR_MC_NODELOCAL or IN6_IS_ADDR_MC_LINKLOCAL. */
    private static boolean linkScoped(byte[] a) {
        int b0 = a[0] & 0xFF;
        int b1 = a[1] & 0xFF;
        return (b0 == 0xFE && (b1 & 0xC0) == 0x80) || (b0 == 0xFF && ((b1 & 0x0F) == 0x01 || (b1 & 0x0F) == 0x02));
    }

    /** if_nametoindex succeeds: a name of at most 15 bytes naming an interface here. */
    private static boolean isInterface(String name, InterfaceNames interfaces) {
        return !name.isEmpty() && name.length() <= 15 && interfaces.exists(ByteText.toText(name));
    }
}
