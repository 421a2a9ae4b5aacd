package io.github.tcpwrappers.servlet;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Turns the address strings a servlet container reports ({@code 127.0.0.1}, {@code [::1]},
 * {@code 0:0:0:0:0:0:0:1}, {@code fe80::1%eth0}) into addresses without ever asking DNS: a
 * string that is not a numeric literal counts as unknown, as libwrap sees a non-IP peer.
 */
final class NumericAddress {
    private NumericAddress() {
    }

    /** The socket address for a container's address text and port, if the text is numeric. */
    static Optional<InetSocketAddress> socket(String text, int port) {
        return parse(text).map(a -> new InetSocketAddress(a, port >= 0 && port <= 0xFFFF ? port : 0));
    }

    /** The address a numeric literal names; empty for names, blanks and junk. */
    static Optional<InetAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        if (s.length() > 2 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']') {
            s = s.substring(1, s.length() - 1);
        }
        // Rules cannot name a scope, and resolving an interface name we do not have would fail.
        int scope = s.indexOf('%');
        if (scope >= 0) {
            s = s.substring(0, scope);
        }
        if (s.isEmpty()) {
            return Optional.empty();
        }
        if (s.indexOf(':') >= 0) {
            return ipv6(s);
        }
        return ipv4(s).map(NumericAddress::ofBytes);
    }

    private static Optional<InetAddress> ipv6(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == ':' || c == '.' || Character.digit(c, 16) >= 0;
            if (!ok) {
                return Optional.empty();
            }
        }
        try {
            // With a ':' in it and only hex digits, dots and colons, the JDK parses the text as
            // an IPv6 literal and never looks it up (IPv4-mapped forms come back as IPv4).
            return Optional.of(InetAddress.getByName(s));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<byte[]> ipv4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || part > 3) {
                    return Optional.empty();
                }
                out[part++] = (byte) value;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + (c - '0');
                if (value > 255) {
                    return Optional.empty();
                }
            } else {
                return Optional.empty();
            }
        }
        return part == 4 ? Optional.of(out) : Optional.empty();
    }

    private static InetAddress ofBytes(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }
}
