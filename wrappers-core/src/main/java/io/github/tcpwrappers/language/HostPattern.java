/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.language;

import java.util.List;

/**
 * A pattern for one end of a connection (client or server), in libwrap's {@code host_match}
 * order: {@code @netgroup}, {@code /file}, {@code KNOWN}, {@code LOCAL}, {@code net/mask}, then a
 * string pattern tried on the address and, unless it is purely numeric, on the name.
 */
public sealed interface HostPattern {

    /** The token as written. */
    String text();

    /**
     * Parses one host token; {@code lists} supplies the contents of {@code /file} lists,
     * {@code interfaces} answers for the interface names of IPv6 {@code %zone}s.
     */
    static HostPattern parse(String token, HostListSource lists, InterfaceNames interfaces) {
        if (token.isEmpty()) {
            return new Never(token);
        }
        char c = token.charAt(0);
        if (c == '@') {
            return new Netgroup(token, token.substring(1));
        }
        if (c == '/') {
            return new FileList(token, lists.list(token));
        }
        if (CText.equalsIgnoreCase(token, "KNOWN")) {
            return new Known(token);
        }
        if (CText.equalsIgnoreCase(token, "LOCAL")) {
            return new Local(token);
        }
        int slash = CText.splitAt(token, 0, '/');
        if (slash >= 0) {
            return Masked.parse(token, token.substring(0, slash), token.substring(slash + 1), interfaces);
        }
        return new AddressOrName(token, StringPattern.parse(token, interfaces), !isNumeric(token));
    }

    /** libwrap's NOT_INADDR test, inverted: only digits and dots. */
    static boolean isNumeric(String token) {
        for (int i = 0; i < token.length(); i++) {
            char ch = token.charAt(i);
            if (!(ch == '.' || CText.isDigit(ch))) {
                return false;
            }
        }
        return true;
    }

    /** {@code @group}: asks the netgroup resolver about the host's name. */
    record Netgroup(String text, String group) implements HostPattern {
    }

    /** {@code /path}: each whitespace-separated word of the file is a host pattern. */
    record FileList(String text, HostList list) implements HostPattern {
    }

    /** {@code KNOWN}: address and name both known. */
    record Known(String text) implements HostPattern {
    }

    /** {@code LOCAL}: a known name without a dot. */
    record Local(String text) implements HostPattern {
    }

    /** An empty host part ({@code sshd@}): never matches. */
    record Never(String text) implements HostPattern {
    }

    /** A string pattern on the address text, then (for non-numeric patterns) on the name. */
    record AddressOrName(String text, StringPattern pattern, boolean triesName) implements HostPattern {
    }

    /**
     * {@code net/mask}, {@code net/len} or {@code [net6]/len}, compiled once. The IPv4 net is not
     * masked (host bits in it make the pattern match nothing); the IPv6 one is. A subject's
     * {@code %zone} is judged by the same {@code interfaces} as the pattern's.
     */
    record Masked(String text, long net4, long mask4, byte[] net6, int prefix6, InterfaceNames interfaces)
            implements HostPattern {
        /** A mask that matches nothing. */
        static final long INVALID = -1L;

        static Masked parse(String text, String net, String mask, InterfaceNames interfaces) {
            long net4 = CText.dotQuadAddr(net);
            long mask4 = CText.dotQuadAddr(mask);
            if (mask4 == CText.INADDR_NONE) {
                // cidr_mask_addr: a prefix length; /32 gives all ones, which is fine here.
                int bits = CText.atoi(mask);
                mask4 = bits >= 1 && bits <= 32 ? (0xFFFF_FFFFL << (32 - bits)) & 0xFFFF_FFFFL : INVALID;
            }
            byte[] net6 = null;
            int prefix6 = -1;
            if (net.length() >= 2 && net.charAt(0) == '[' && net.charAt(net.length() - 1) == ']') {
                net6 = CText.parseIpv6(net.substring(1, net.length() - 1), interfaces);
                int len = CText.atoi(mask);
                prefix6 = len >= 0 && len <= 128 ? len : -1;
            }
            return new Masked(text, net4, mask4, net6, prefix6, interfaces);
        }

        /** Whether an address text is inside, the way masked_match decides. */
        public boolean contains(String address) {
            // Mapped clients are stripped as string_match strips them, so ::ffff:a.b.c.d meets
            // IPv4 patterns and [v6] nets never see it; other IPv6 forms stay IPv6.
            String subject = StringPattern.stripMapped(address);
            long a = CText.dotQuadAddr(subject);
            if (a != CText.INADDR_NONE) {
                return matches4(a);
            }
            byte[] a6 = CText.parseIpv6(subject, interfaces);
            if (a6 == null) {
                return false;
            }
            if (net6 == null || prefix6 < 0) {
                return false;
            }
            int full = prefix6 / 8;
            for (int i = 0; i < full; i++) {
                if (a6[i] != net6[i]) {
                    return false;
                }
            }
            int rest = prefix6 % 8;
            if (rest == 0) {
                return true;
            }
            int m = (0xFF << (8 - rest)) & 0xFF;
            return (a6[full] & m) == (net6[full] & m);
        }

        private boolean matches4(long address) {
            if (net4 == CText.INADDR_NONE || mask4 == INVALID) {
                return false;
            }
            return (address & mask4) == net4;
        }

        /** Whether the pattern can match anything at all, for diagnostics. */
        public boolean valid4() {
            return net4 != CText.INADDR_NONE && mask4 != INVALID;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Masked other && other.text.equals(text);
        }

        @Override
        public int hashCode() {
            return text.hashCode();
        }

        @Override
        public String toString() {
            return "Masked[" + text + "]";
        }
    }

    /** The words of a {@code /file} list, or why there are none. */
    sealed interface HostList {
        /** The file's path as written in the rule. */
        String path();

        /** A readable list. {@code patterns} may hold further lists. */
        record Loaded(String path, List<HostPattern> patterns) implements HostList {
        }

        /** The file does not exist: no match, silently. */
        record Missing(String path) implements HostList {
        }

        /**
         * The path is a directory ({@code /}, {@code /etc/}): libwrap opens it, its first read
         * fails, and the list is empty, silently.
         */
        record Directory(String path) implements HostList {
        }

        /** The file cannot be read: no match, and libwrap warns each time it is reached. */
        record Unreadable(String path, String reason) implements HostList {
        }

        /** The file includes itself, directly or not; libwrap would recurse until it crashed. */
        record Cycle(String path) implements HostList {
        }

        /**
         * The path is bound to a live list ({@code HostsAccess.Builder#bindList}): the file is
         * not read, its members come from the list in force at decision time.
         */
        record Bound(String path, Membership members) implements HostList {
        }
    }

    /** The members of a bound list, as they are at the moment of asking. */
    @FunctionalInterface
    interface Membership {
        /** Whether the address text (as the request holds it, {@code unknown} when unknown) is in. */
        boolean contains(String address);
    }

    /** Supplies {@code /file} lists while rules are parsed. */
    @FunctionalInterface
    interface HostListSource {
        HostList list(String path);
    }
}
