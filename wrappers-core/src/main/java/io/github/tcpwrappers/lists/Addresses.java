package io.github.tcpwrappers.lists;

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
        byte[] b = a.getAddress();
        return b.length == 4 ? MAPPED_HI : word(b, 0);
    }

    static long lo(InetAddress a) {
        byte[] b = a.getAddress();
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
        if (end < 0) {
            end = s.length();
        }
        if (s.indexOf(':') < 0) {
            long v4 = quad(s, 0, end);
            if (v4 < 0) {
                return false;
            }
            out[0] = MAPPED_HI;
            out[1] = MAPPED_LO | v4;
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
            if (i == start || value > 255) {
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
