/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.text;

/**
 * Address literals as 128-bit values, parsed without allocating: the one parser behind list
 * entries ({@code Network.parse}) and the list lookups of every decision.
 */
public final class AddressText {
    private AddressText() {
    }

    /**
     * Parses {@code s[0, end)}, a dotted quad ({@code 203.0.113.7}, no leading zeros) or an IPv6
     * literal (RFC 4291 text, maybe with a dotted quad at the end), into {@code out[0]} (high 64
     * bits) and {@code out[1]} (low 64 bits), IPv4 as its IPv4-mapped IPv6 address. Allocates
     * nothing; false for anything else.
     */
    public static boolean parse(String s, int end, long[] out) {
        if (s.lastIndexOf(':', end - 1) < 0) {
            long v4 = quad(s, 0, end);
            if (v4 < 0) {
                return false;
            }
            out[0] = 0L;
            out[1] = 0x0000_FFFF_0000_0000L | v4;
            return true;
        }
        return ipv6(s, end, out);
    }

    /** A dotted quad in s[from, to) as an unsigned value, or -1. */
    private static long quad(String s, int from, int to) {
        long v = 0;
        int i = from;
        for (int part = 0; part < 4; part++) {
            int start = i;
            int value = 0;
            while (i < to && i - start < 3 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
            }
            if (i == start || value > 255 || (i - start > 1 && s.charAt(start) == '0')) {
                return -1;
            }
            v = (v << 8) | value;
            if (part < 3) {
                if (i >= to || s.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        return i == to ? v : -1;
    }

    private static boolean ipv6(String s, int n, long[] out) {
        // Groups before "::" fill from the top, groups after it from the bottom.
        long headHi = 0;
        long headLo = 0;
        int head = 0;
        long tailHi = 0;
        long tailLo = 0;
        int tail = 0;
        boolean gap = false;
        int i = 0;
        if (n >= 2 && s.charAt(0) == ':' && s.charAt(1) == ':') {
            gap = true;
            i = 2;
        } else if (n > 0 && s.charAt(0) == ':') {
            return false;
        }
        while (i < n) {
            int start = i;
            int value = 0;
            while (i < n && i - start < 4 && Character.digit(s.charAt(i), 16) >= 0) {
                value = (value << 4) | Character.digit(s.charAt(i), 16);
                i++;
            }
            int groups = 1;
            long chunk = value;
            if (i < n && s.charAt(i) == '.') {
                long v4 = quad(s, start, n);
                if (v4 < 0) {
                    return false;
                }
                groups = 2;
                chunk = v4;
                i = n;
            } else if (i == start) {
                return false;
            }
            if (head + tail + groups > 8) {
                return false;
            }
            if (gap) {
                tailHi = (tailHi << (16 * groups)) | (tailLo >>> (64 - 16 * groups));
                tailLo = (tailLo << (16 * groups)) | chunk;
                tail += groups;
            } else {
                headHi = (headHi << (16 * groups)) | (headLo >>> (64 - 16 * groups));
                headLo = (headLo << (16 * groups)) | chunk;
                head += groups;
            }
            if (i == n) {
                break;
            }
            if (s.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < n && s.charAt(i) == ':') {
                if (gap) {
                    return false;
                }
                gap = true;
                i++;
            } else if (i == n) {
                return false;
            }
        }
        if (gap ? head + tail > 7 : head != 8) {
            return false;
        }
        // head << 16 * (8 - head), as 128 bits.
        int shift = 16 * (8 - head);
        long hi;
        long lo;
        if (shift == 0) {
            hi = headHi;
            lo = headLo;
        } else if (shift >= 64) {
            hi = shift == 128 ? 0 : headLo << (shift - 64);
            lo = 0;
        } else {
            hi = (headHi << shift) | (headLo >>> (64 - shift));
            lo = headLo << shift;
        }
        out[0] = hi | tailHi;
        out[1] = lo | tailLo;
        return true;
    }
}
