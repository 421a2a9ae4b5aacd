package io.github.tcpwrappers.value;

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

    /** One address as a network of one. */
    public static Network of(InetAddress address) {
        return new Network(address, address instanceof Inet4Address ? 32 : 128);
    }

    /** Whether {@code candidate} is inside (an IPv4-mapped IPv6 address counts as its IPv4 address). */
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

    /** Whether this is one address rather than a wider network. */
    public boolean isSingleAddress() {
        return prefix == (address instanceof Inet4Address ? 32 : 128);
    }

    /** {@code 203.0.113.7}, {@code 198.51.100.0/24}, {@code 2001:db8::/32}. */
    @Override
    public String toString() {
        String host = address.getHostAddress();
        return isSingleAddress() ? host : host + "/" + prefix;
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
        byte[] v4 = dottedQuad(host, 0, host.length());
        if (v4 != null) {
            return v4;
        }
        return ipv6(host);
    }

    private static byte[] dottedQuad(String s, int from, int to) {
        byte[] out = new byte[4];
        int part = 0;
        int i = from;
        while (part < 4) {
            int start = i;
            int value = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
            }
            if (i == start || value > 255 || (i - start > 1 && s.charAt(start) == '0')) {
                return null;
            }
            out[part++] = (byte) value;
            if (part < 4) {
                if (i >= to || s.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        return i == to ? out : null;
    }

    private static byte[] ipv6(String s) {
        if (s.indexOf(':') < 0 || s.length() > 45) {
            return null;
        }
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = 0;
        int n = s.length();
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
        } else if (s.startsWith(":")) {
            return null;
        }
        while (i < n) {
            int start = i;
            int value = 0;
            while (i < n && Character.digit(s.charAt(i), 16) >= 0 && i - start < 4) {
                value = value * 16 + Character.digit(s.charAt(i), 16);
                i++;
            }
            if (i < n && s.charAt(i) == '.') {
                byte[] tail = dottedQuad(s, start, n);
                if (tail == null || count > 6) {
                    return null;
                }
                groups[count++] = ((tail[0] & 0xFF) << 8) | (tail[1] & 0xFF);
                groups[count++] = ((tail[2] & 0xFF) << 8) | (tail[3] & 0xFF);
                i = n;
                break;
            }
            if (i == start || count == 8) {
                return null;
            }
            groups[count++] = value;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < n && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i++;
            } else if (i == n) {
                return null;
            }
        }
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        byte[] out = new byte[16];
        int shift = gap < 0 ? 0 : 8 - count;
        for (int g = 0; g < count; g++) {
            int at = gap >= 0 && g >= gap ? g + shift : g;
            out[at * 2] = (byte) (groups[g] >>> 8);
            out[at * 2 + 1] = (byte) groups[g];
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
