/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.lists;

import io.github.tcpwrappers.text.AddressText;
import io.github.tcpwrappers.value.Network;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Addresses as 128-bit keys (two longs): IPv6 as it is, IPv4 as its IPv4-mapped IPv6 address
 * ({@code ::ffff:a.b.c.d}), so a client reaching an IPv6 socket from IPv4 meets the IPv4 entries,
 * as libwrap strips {@code ::ffff:}. Prefix lengths live in the same 0..128 space (IPv4 /24 is 120).
 */
final class Addresses {
    static final long MAPPED_HI = 0L;
    static final long MAPPED_LO = 0x0000_FFFF_0000_0000L;

    private Addresses() {
    }

    static long hi(Network n) {
        return hi(n.address());
    }

    static long lo(Network n) {
        return lo(n.address());
    }

    static int prefix(Network n) {
        return n.address() instanceof Inet4Address ? 96 + n.prefix() : n.prefix();
    }

    static long hi(InetAddress a) {
        return hi(a.getAddress());
    }

    static long lo(InetAddress a) {
        return lo(a.getAddress());
    }

    /** The high half of a raw address (4 or 16 bytes). */
    static long hi(byte[] b) {
        return b.length == 4 ? MAPPED_HI : word(b, 0);
    }

    /** The low half of a raw address (4 or 16 bytes). */
    static long lo(byte[] b) {
        return b.length == 4 ? MAPPED_LO | (word4(b, 0) & 0xFFFF_FFFFL) : word(b, 8);
    }

    /** The network of a key and prefix, as entries report it. */
    static Network network(long hi, long lo, int prefix) {
        byte[] raw;
        int bits;
        if (hi == MAPPED_HI && (lo >>> 32) == 0xFFFF && prefix >= 96) {
            raw = new byte[] {(byte) (lo >>> 24), (byte) (lo >>> 16), (byte) (lo >>> 8), (byte) lo};
            bits = prefix - 96;
        } else {
            raw = new byte[16];
            for (int i = 0; i < 8; i++) {
                raw[i] = (byte) (hi >>> (56 - 8 * i));
                raw[8 + i] = (byte) (lo >>> (56 - 8 * i));
            }
            bits = prefix;
        }
        try {
            return new Network(InetAddress.getByAddress(raw), bits);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static long maskHi(int prefix) {
        return prefix >= 64 ? -1L : prefix == 0 ? 0L : -1L << (64 - prefix);
    }

    static long maskLo(int prefix) {
        return prefix <= 64 ? 0L : prefix == 128 ? -1L : -1L << (128 - prefix);
    }

    private static long word(byte[] b, int from) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[from + i] & 0xFF);
        }
        return v;
    }

    private static int word4(byte[] b, int from) {
        return ((b[from] & 0xFF) << 24) | ((b[from + 1] & 0xFF) << 16) | ((b[from + 2] & 0xFF) << 8) | (b[from + 3] & 0xFF);
    }

    /**
     * Parses an address text as the engine holds it (a dotted quad, an IPv6 literal, maybe
     * {@code ::ffff:}-mapped, maybe with a {@code %zone}) into {@code out[0..1]}, allocating
     * nothing. False for anything else ({@code unknown}).
     */
    static boolean parse(String s, long[] out) {
        int end = s.indexOf('%');
        return AddressText.parse(s, end < 0 ? s.length() : end, out);
    }
}
