/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.value;

import io.github.tcpwrappers.text.AddressText;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * An address or a network of a shared list: IPv4 or IPv6, with its prefix length ({@code /32}
 * or {@code /128} for one address). Host bits are refused, so one network has one form.
 *
 * <pre>{@code
 * Network one = Network.parse("203.0.113.7");
 * Network net = Network.parse("2001:db8::/32");
 * }</pre>
 *
 * @param address the network's first address
 * @param prefix the prefix length, 0..32 for IPv4, 0..128 for IPv6
 */
public record Network(InetAddress address, int prefix) {

    /** The longest a network's text may be (an IPv6 address with a prefix, with room to spare). */
    public static final int MAX_TEXT = 64;

    /**
     * Checks the prefix length and that no host bits are set.
     *
     * @param address the network's first address
     * @param prefix the prefix length, 0..32 for IPv4, 0..128 for IPv6
     * @throws IllegalArgumentException when the prefix is out of range or host bits are set
     */
    public Network {
        Objects.requireNonNull(address, "address");
        int bits = address instanceof Inet4Address ? 32 : 128;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix /" + prefix + " out of range for " + address.getHostAddress());
        }
        byte[] raw = address.getAddress();
        for (int bit = prefix; bit < bits; bit++) {
            if ((raw[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                throw new IllegalArgumentException("host bits set in " + address.getHostAddress() + "/" + prefix
                        + ": write the network's first address");
            }
        }
    }

    /**
     * Parses {@code a.b.c.d}, {@code a.b.c.d/len}, an IPv6 literal with or without brackets and
     * {@code /len}. Never asks DNS: a name is refused.
     *
     * @param text the network as written
     * @return the network
     * @throws IllegalArgumentException for anything else, saying why
     */
    public static Network parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty() || text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("not an address or network: \"" + printable(text) + "\"");
        }
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        if (host.length() > 2 && host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']') {
            host = host.substring(1, host.length() - 1);
        }
        byte[] raw = literal(host);
        if (raw == null) {
            throw new IllegalArgumentException("not an address or network: \"" + printable(text) + "\"");
        }
        int prefix = raw.length * 8;
        if (slash >= 0) {
            String len = text.substring(slash + 1);
            if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("bad prefix length in \"" + printable(text) + "\"");
            }
            prefix = Integer.parseInt(len);
        }
        try {
            InetAddress address = InetAddress.getByAddress(raw);
            if (address instanceof Inet4Address && raw.length == 16) {
                // ::ffff:a.b.c.d is the IPv4 address, as the JDK and libwrap take it.
                if (prefix < 96) {
                    throw new IllegalArgumentException("prefix /" + prefix + " of an IPv4-mapped address reaches"
                            + " beyond IPv4 in \"" + printable(text) + "\"");
                }
                prefix -= 96;
            }
            return new Network(address, prefix);
        } catch (UnknownHostException impossible) {
            throw new IllegalArgumentException(impossible.getMessage(), impossible);
        }
    }

    /**
     * {@return one address as a network of one}
     *
     * @param address the address
     */
    public static Network of(InetAddress address) {
        return new Network(address, address instanceof Inet4Address ? 32 : 128);
    }

    /**
     * {@return whether {@code candidate} is inside (an IPv4-mapped IPv6 address counts as its IPv4
     * address)}
     *
     * @param candidate the address to test
     */
    public boolean contains(InetAddress candidate) {
        byte[] a = unmapped(candidate.getAddress());
        byte[] n = address.getAddress();
        if (a.length != n.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit += 8) {
            int take = Math.min(8, prefix - bit);
            int mask = (0xFF << (8 - take)) & 0xFF;
            if ((a[bit / 8] & mask) != (n[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** {@return whether this is one address rather than a wider network} */
    public boolean isSingleAddress() {
        return prefix == (address instanceof Inet4Address ? 32 : 128);
    }

    /**
     * {@code 203.0.113.7}, {@code 198.51.100.0/24}, {@code 2001:db8::/32}: IPv6 in RFC 5952's
     * form (lower case, the longest run of two or more zero groups as {@code ::}), as {@code ip}
     * prints it.
     */
    @Override
    public String toString() {
        String host = address instanceof Inet4Address ? address.getHostAddress() : rfc5952(address.getAddress());
        return isSingleAddress() ? host : host + "/" + prefix;
    }

    private static String rfc5952(byte[] raw) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((raw[2 * i] & 0xFF) << 8) | (raw[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    private static byte[] unmapped(byte[] raw) {
        if (raw.length == 16) {
            boolean mapped = raw[10] == (byte) 0xFF && raw[11] == (byte) 0xFF;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = raw[i] == 0;
            }
            if (mapped) {
                return new byte[] {raw[12], raw[13], raw[14], raw[15]};
            }
        }
        return raw;
    }

    /** An IPv4 dotted quad (4 bytes) or IPv6 literal (16 bytes), or null. No zone, no name. */
    static byte[] literal(String host) {
        long[] value = new long[2];
        if (!AddressText.parse(host, host.length(), value)) {
            return null;
        }
        if (host.indexOf(':') < 0) {
            long v4 = value[1];
            return new byte[] {(byte) (v4 >>> 24), (byte) (v4 >>> 16), (byte) (v4 >>> 8), (byte) v4};
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (value[0] >>> (56 - 8 * i));
            out[8 + i] = (byte) (value[1] >>> (56 - 8 * i));
        }
        return out;
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(MAX_TEXT).forEach(c -> {
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == 0x202E) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
