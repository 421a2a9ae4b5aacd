/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.language;
import java.util.Arrays;

/**
 * A pattern compared with a daemon name, a user name, a host name or an address text, as
 * libwrap's {@code string_match} compares them. {@link #parse} decides the kind in libwrap's
 * order: wildcards first, then {@code .suffix}, {@code ALL}, {@code KNOWN}, {@code prefix.},
 * {@code [ipv6]}, and plain case-insensitive equality.
 */
public sealed interface StringPattern {

    /** The token as written. */
    String text();

    /** Whether the subject (a byte string) matches, after libwrap's ::ffff: stripping. */
    default boolean matches(String subject) {
        return test(stripMapped(subject));
    }

    /** The comparison proper, on an already stripped subject. */
    boolean test(String subject);

    /** Parses one token (never empty); {@code interfaces} answers for {@code [fe80::1%eth0]} zones. */
    static StringPattern parse(String token, InterfaceNames interfaces) {
        if (token.indexOf('*') >= 0 || token.indexOf('?') >= 0) {
            return new Wildcard(token);
        }
        if (token.isEmpty()) {
            return new Exact(token);
        }
        if (token.charAt(0) == '.') {
            return new Suffix(token);
        }
        if (CText.equalsIgnoreCase(token, "ALL")) {
            return new All(token);
        }
        if (CText.equalsIgnoreCase(token, "KNOWN")) {
            return new NotUnknown(token);
        }
        if (token.charAt(token.length() - 1) == '.') {
            return new Prefix(token);
        }
        if (token.length() >= 2 && token.charAt(0) == '[' && token.charAt(token.length() - 1) == ']') {
            return new Ipv6Literal(token, CText.parseIpv6(token.substring(1, token.length() - 1), interfaces), interfaces);
        }
        return new Exact(token);
    }

    /** libwrap compares {@code ::ffff:a.b.c.d} subjects as {@code a.b.c.d}, whatever their role. */
    static String stripMapped(String subject) {
        if (subject.length() > 7 && CText.regionEqualsIgnoreCase(subject, 0, "::ffff:")
                && CText.dotQuadAddr(subject.substring(7)) != CText.INADDR_NONE) {
            return subject.substring(7);
        }
        return subject;
    }

    /**
     * {@code *} and {@code ?} over the whole subject, ASCII case-insensitive, no escapes. One
     * quirk of libwrap's matcher ({@code match_pattern_ylo}): on a {@code *} followed by another
     * {@code *} or a {@code ?} it tries the rest one subject byte at a time, and never at the
     * end, so a pattern ending in two or more {@code *} needs at least one byte left where that
     * run starts: {@code ssh**} matches {@code sshd} but not {@code ssh}. Such a run is matched
     * here as {@code ?*}, which is what it means; elsewhere the quirk changes nothing (a
     * {@code ?} or a literal after the run needs a byte anyway).
     */
    record Wildcard(String text) implements StringPattern {
        @Override
        public boolean test(String s) {
            String p = text.endsWith("**") ? trailingRunAsOneByteOrMore(text) : text;
            int si = 0;
            int pi = 0;
            int starP = -1;
            int starS = 0;
            while (si < s.length()) {
                if (pi < p.length() && p.charAt(pi) == '*') {
                    starP = pi++;
                    starS = si;
                } else if (pi < p.length() && (p.charAt(pi) == '?'
                        || CText.asciiLower(p.charAt(pi)) == CText.asciiLower(s.charAt(si)))) {
                    pi++;
                    si++;
                } else if (starP >= 0) {
                    pi = starP + 1;
                    si = ++starS;
                } else {
                    return false;
                }
            }
            while (pi < p.length() && p.charAt(pi) == '*') {
                pi++;
            }
            return pi == p.length();
        }

        private static String trailingRunAsOneByteOrMore(String pattern) {
            int end = pattern.length();
            while (end > 0 && pattern.charAt(end - 1) == '*') {
                end--;
            }
            return pattern.substring(0, end) + "?*";
        }
    }

    /** {@code .example.com}: a longer subject ending with the pattern. */
    record Suffix(String text) implements StringPattern {
        @Override
        public boolean test(String s) {
            int n = s.length() - text.length();
            return n > 0 && CText.regionEqualsIgnoreCase(s, n, text);
        }
    }

    /** {@code ALL}. */
    record All(String text) implements StringPattern {
        @Override
        public boolean test(String s) {
            return true;
        }
    }

    /** {@code KNOWN} in a string position: anything but the string {@code unknown}. */
    record NotUnknown(String text) implements StringPattern {
        @Override
        public boolean test(String s) {
            return !CText.equalsIgnoreCase(s, "unknown");
        }
    }

    /** {@code 192.168.} or {@code host.}: the subject starts with the pattern. */
    record Prefix(String text) implements StringPattern {
        @Override
        public boolean test(String s) {
            return CText.regionEqualsIgnoreCase(s, 0, text);
        }
    }

    /**
     * {@code [2001:db8::1]}: compared as 128-bit values; never matches an IPv4 subject. The
     * subject's own {@code %zone} is judged by the same {@code interfaces} as the pattern's.
     */
    record Ipv6Literal(String text, byte[] address, InterfaceNames interfaces) implements StringPattern {
        @Override
        public boolean test(String s) {
            if (address == null) {
                return false;
            }
            byte[] subject = CText.parseIpv6(s, interfaces);
            return subject != null && Arrays.equals(address, subject);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ipv6Literal other && other.text.equals(text);
        }

        @Override
        public int hashCode() {
            return text.hashCode();
        }

        @Override
        public String toString() {
            return "Ipv6Literal[" + text + "]";
        }
    }

    /** Anything else: {@code strcasecmp} equality. */
    record Exact(String text) implements StringPattern {
        @Override
        public boolean test(String s) {
            return CText.equalsIgnoreCase(text, s);
        }
    }
}
