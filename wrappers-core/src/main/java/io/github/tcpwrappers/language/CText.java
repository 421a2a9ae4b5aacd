/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.language;
import java.math.BigInteger;

/**
 * The C library behaviour libwrap's language leans on, reproduced on byte strings.
 *
 * <p>Rule text is bytes; we carry it in ISO-8859-1 strings so that one {@code char} is one byte.
 * Case folding is ASCII only, as {@code strcasecmp} in the C locale; Java's own
 * {@code equalsIgnoreCase} would also fold Latin-1 letters and change verdicts.
 */
public final class CText {
    /** inet_addr's error value, which is also the valid address 255.255.255.255. */
    public static final long INADDR_NONE = 0xFFFF_FFFFL;

    private CText() {
    }

    /** C {@code isspace} in the C locale. */
    public static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** libwrap's list separator set {@code " \t\r\n,"}. */
    public static boolean isListSeparator(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',';
    }

    static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    /** {@code strcasecmp(a, b) == 0}. */
    public static boolean equalsIgnoreCase(String a, String b) {
        int n = a.length();
        if (n != b.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y && asciiLower(x) != asciiLower(y)) {
                return false;
            }
        }
        return true;
    }

    /** {@code strncasecmp(s + offset, prefix, prefix.length()) == 0} with s long enough. */
    public static boolean regionEqualsIgnoreCase(String s, int offset, String part) {
        int n = part.length();
        if (offset < 0 || offset + n > s.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char x = s.charAt(offset + i);
            char y = part.charAt(i);
            if (x != y && asciiLower(x) != asciiLower(y)) {
                return false;
            }
        }
        return true;
    }

    /** ASCII lower case, returning the same instance when nothing changes. */
    public static String toLowerAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = s.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    chars[j] = asciiLower(chars[j]);
                }
                return new String(chars);
            }
        }
        return s;
    }

    /**
     * libwrap's INET6 {@code split_at}: the first {@code delimiter} at bracket depth zero, or -1.
     * The depth is a plain counter, so a stray {@code ]} hides every later delimiter.
     */
    public static int splitAt(String s, int from, char delimiter) {
        int bracket = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\0') {
                return -1;
            }
            if (c == '[') {
                bracket++;
            } else if (c == ']') {
                bracket--;
            } else if (bracket == 0 && c == delimiter) {
                return i;
            }
        }
        return -1;
    }

    /** glibc {@code inet_addr}: a 32-bit value, or {@link #INADDR_NONE}. */
    public static long inetAddr(String s) {
        long value = inetAton(s);
        return value < 0 ? INADDR_NONE : value;
    }

    /**
     * glibc {@code inet_aton}: a 32-bit value, or -1 when the text is not an address (unlike
     * inet_addr, {@code 255.255.255.255} is told apart from a failure). Trailing blanks are
     * accepted, as inet_aton accepts them.
     */
    public static long inetAton(String s) {
        int i = 0;
        int n = s.length();
        long[] parts = new long[4];
        int count = 0;
        while (true) {
            if (i >= n || !isDigit(s.charAt(i))) {
                return -1;
            }
            int base = 10;
            if (s.charAt(i) == '0') {
                base = 8;
                if (i + 1 < n && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                        && i + 2 < n && hexValue(s.charAt(i + 2)) >= 0) {
                    base = 16;
                    i += 2;
                }
            }
            long value = 0;
            boolean overflow = false;
            while (i < n) {
                int d = base == 16 ? hexValue(s.charAt(i)) : s.charAt(i) - '0';
                if (d < 0 || d >= base) {
                    break;
                }
                value = value * base + d;
                if (value > 0xFFFF_FFFFL) {
                    overflow = true;
                    value = 0x1_0000_0000L;
                }
                i++;
            }
            if (overflow) {
                return -1;
            }
            if (i < n && s.charAt(i) == '.') {
                if (count > 2 || value > 0xFF) {
                    return -1;
                }
                parts[count++] = value;
                i++;
                continue;
            }
            if (i < n && !isSpace(s.charAt(i))) {
                return -1;
            }
            long max = count == 0 ? 0xFFFF_FFFFL : count == 1 ? 0xFF_FFFFL : count == 2 ? 0xFFFFL : 0xFFL;
            if (value > max) {
                return -1;
            }
            long result = 0;
            for (int p = 0; p < count; p++) {
                result |= parts[p] << (24 - 8 * p);
            }
            return result | value;
        }
    }

    /**
     * The value of {@code a.b.c.d} written in plain decimal (no leading zeros, each at most
     * 255), or -1 for any other text: the one spelling whose text equality (how libwrap compares
     * an exact pattern with an address) and numeric equality agree.
     */
    public static long canonicalIpv4(String s) {
        int n = s.length();
        if (n < 7 || n > 15) {
            return -1;
        }
        long value = 0;
        int octet = -1;
        int dots = 0;
        int digits = 0;
        for (int i = 0; i <= n; i++) {
            char c = i < n ? s.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || digits > 3 || octet > 255 || (digits > 1 && s.charAt(i - digits) == '0')) {
                    return -1;
                }
                value = (value << 8) | octet;
                dots++;
                digits = 0;
                octet = 0;
            } else if (isDigit(c)) {
                octet = (digits == 0 ? 0 : octet) * 10 + (c - '0');
                digits++;
            } else {
                return -1;
            }
        }
        return dots == 4 ? value : -1;
    }

    /** libwrap's {@code dot_quad_addr}: four runs of non-dot bytes, then inet_addr. */
    public static long dotQuadAddr(String s) {
        int runs = 0;
        boolean inRun = false;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '.') {
                inRun = false;
            } else if (!inRun) {
                inRun = true;
                runs++;
            }
        }
        return runs == 4 ? inetAddr(s) : INADDR_NONE;
    }

    /** glibc {@code atoi}: strtol then a cast to int. */
    public static int atoi(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && isSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long value = 0;
        boolean saturated = false;
        while (i < n && isDigit(s.charAt(i))) {
            if (!saturated) {
                value = value * 10 + (s.charAt(i) - '0');
                if (value > 1_000_000_000_000_000_000L) {
                    saturated = true;
                }
            }
            i++;
        }
        if (saturated) {
            return negative ? (int) Long.MIN_VALUE : (int) Long.MAX_VALUE;
        }
        return (int) (negative ? -value : value);
    }

    /**
     * {@code sscanf(s, "%d%c", &v, &junk) == 1}: one decimal integer and nothing after it.
     * Returns null when the text is not exactly that.
     */
    public static Integer scanInt(String s) {
        Long v = scanNumber(s, 10, true);
        return v == null ? null : (int) v.longValue();
    }

    /** {@code sscanf(s, "%u%c") == 1}, the value cut to 32 bits as glibc stores it. */
    public static Long scanUnsigned(String s) {
        Long v = scanNumber(s, 10, false);
        return v == null ? null : v & 0xFFFF_FFFFL;
    }

    /** {@code sscanf(s, "%o%c") == 1}, the value cut to 32 bits. */
    public static Long scanOctal(String s) {
        Long v = scanNumber(s, 8, false);
        return v == null ? null : v & 0xFFFF_FFFFL;
    }

    private static Long scanNumber(String s, int base, boolean signedLong) {
        int i = 0;
        int n = s.length();
        while (i < n && isSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int start = i;
        BigInteger big = BigInteger.ZERO;
        BigInteger b = BigInteger.valueOf(base);
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) < '0' + base) {
            if (big.bitLength() < 80) {
                big = big.multiply(b).add(BigInteger.valueOf(s.charAt(i) - '0'));
            }
            i++;
        }
        if (i == start || i != n) {
            return null;
        }
        if (signedLong) {
            BigInteger signed = negative ? big.negate() : big;
            if (signed.compareTo(BigInteger.valueOf(Long.MAX_VALUE)) > 0) {
                return Long.MAX_VALUE;
            }
            if (signed.compareTo(BigInteger.valueOf(Long.MIN_VALUE)) < 0) {
                return Long.MIN_VALUE;
            }
            return signed.longValue();
        }
        if (big.bitLength() > 64) {
            return -1L; // strtoul saturates at ULONG_MAX
        }
        long magnitude = big.longValue();
        return negative ? -magnitude : magnitude;
    }

    /**
     * glibc {@code getaddrinfo(AF_INET6, AI_NUMERICHOST)} as libwrap uses it: 16 bytes, or null
     * when the text is not an IPv6 address. A {@code %zone} suffix is accepted where glibc
     * accepts it ({@link ScopeIds}; an interface name is looked up in {@code interfaces}) and
     * then ignored, as libwrap compares only the address bytes: {@code 2001:db8::1%5} is
     * {@code 2001:db8::1}.
     */
    public static byte[] parseIpv6(String s, InterfaceNames interfaces) {
        int percent = s.indexOf('%');
        if (percent < 0) {
            return parseIpv6Address(s);
        }
        byte[] address = parseIpv6Address(s.substring(0, percent));
        return address != null && ScopeIds.accepted(address, s.substring(percent + 1), interfaces) ? address : null;
    }

    /** glibc {@code inet_pton(AF_INET6)}: 16 bytes, or null. */
    private static byte[] parseIpv6Address(String s) {
        int n = s.length();
        if (n == 0 || n > 64) {
            return null;
        }
        byte[] out = new byte[16];
        int tp = 0;
        int colonp = -1;
        int i = 0;
        if (s.charAt(0) == ':') {
            if (n < 2 || s.charAt(1) != ':') {
                return null;
            }
            i = 1;
        }
        int curtok = i;
        boolean sawXdigit = false;
        int val = 0;
        int digits = 0;
        while (i < n) {
            char ch = s.charAt(i++);
            int h = hexValue(ch);
            if (h >= 0) {
                if (++digits > 4) {
                    return null;
                }
                val = (val << 4) | h;
                sawXdigit = true;
                continue;
            }
            if (ch == ':') {
                curtok = i;
                if (!sawXdigit) {
                    if (colonp >= 0) {
                        return null;
                    }
                    colonp = tp;
                    continue;
                } else if (i >= n) {
                    return null;
                }
                if (tp + 2 > 16) {
                    return null;
                }
                out[tp++] = (byte) (val >> 8);
                out[tp++] = (byte) val;
                sawXdigit = false;
                digits = 0;
                val = 0;
                continue;
            }
            if (ch == '.' && tp + 4 <= 16) {
                byte[] v4 = parseStrictIpv4(s.substring(curtok));
                if (v4 == null) {
                    return null;
                }
                System.arraycopy(v4, 0, out, tp, 4);
                tp += 4;
                sawXdigit = false;
                break;
            }
            return null;
        }
        if (sawXdigit) {
            if (tp + 2 > 16) {
                return null;
            }
            out[tp++] = (byte) (val >> 8);
            out[tp++] = (byte) val;
        }
        if (colonp >= 0) {
            if (tp == 16) {
                return null;
            }
            int moved = tp - colonp;
            for (int k = 1; k <= moved; k++) {
                out[16 - k] = out[colonp + moved - k];
                out[colonp + moved - k] = 0;
            }
            tp = 16;
        }
        return tp == 16 ? out : null;
    }

    /** glibc {@code inet_pton(AF_INET)}: four decimal octets, no leading zeros. */
    static byte[] parseStrictIpv4(String s) {
        byte[] out = new byte[4];
        int octets = 0;
        boolean sawDigit = false;
        int val = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (isDigit(ch)) {
                if (sawDigit && val == 0) {
                    return null;
                }
                val = val * 10 + (ch - '0');
                if (val > 255) {
                    return null;
                }
                if (!sawDigit) {
                    if (++octets > 4) {
                        return null;
                    }
                    sawDigit = true;
                }
            } else if (ch == '.' && sawDigit) {
                if (octets == 4) {
                    return null;
                }
                out[octets - 1] = (byte) val;
                val = 0;
                sawDigit = false;
            } else {
                return null;
            }
        }
        if (octets < 4 || !sawDigit) {
            return null;
        }
        out[3] = (byte) val;
        return out;
    }

    /** True for an IPv4-mapped IPv6 address (::ffff:a.b.c.d). */
    public static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
