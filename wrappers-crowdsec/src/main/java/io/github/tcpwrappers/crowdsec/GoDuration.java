/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.crowdsec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;

/**
 * A duration as Go's {@code time.Duration.String()} writes it and the Local API sends it:
 * {@code 3h59m58.836237921s}, {@code -99.079144ms}, {@code 1.5µs}, {@code 0s}. The grammar is
 * Go's {@code time.ParseDuration}: an optional sign, then one or more decimal numbers each
 * followed by a unit ({@code ns us µs μs ms s m h}); a bare {@code 0} is allowed.
 */
final class GoDuration {
    /** Longer than any duration Go can write (int64 nanoseconds); refuses absurd input early. */
    private static final int MAX_TEXT = 64;
    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

    private GoDuration() {
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static Duration parse(CharSequence text) {
        return Duration.ofNanos(nanos(text));
    }

    /**
     * Parses {@code text} into nanoseconds, which every Go duration fits (an int64 count of them);
     * a startup pull calls it a million times and keeps no {@link Duration}.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static long nanos(CharSequence text) {
        if (text.isEmpty() || text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("not a duration: \"" + Printable.of(text.toString()) + "\"");
        }
        int i = 0;
        boolean negative = false;
        if (text.charAt(0) == '-' || text.charAt(0) == '+') {
            negative = text.charAt(0) == '-';
            i++;
        }
        if (text.length() == i + 1 && text.charAt(i) == '0') {
            return 0;
        }
        if (i == text.length()) {
            throw new IllegalArgumentException("not a duration: \"" + Printable.of(text.toString()) + "\"");
        }
        long exact = exactly(text, i);
        if (exact >= 0) {
            return negative ? -exact : exact;
        }
        return decimal(text.toString(), i, negative);
    }

    /** Any duration Go accepts, in decimal arithmetic, or why not. */
    private static long decimal(String text, int from, boolean negative) {
        int i = from;
        BigDecimal nanos = BigDecimal.ZERO;
        while (i < text.length()) {
            int start = i;
            while (i < text.length() && (Character.isDigit(text.charAt(i)) && text.charAt(i) < 0x80 || text.charAt(i) == '.')) {
                i++;
            }
            String number = text.substring(start, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw new IllegalArgumentException("not a duration: \"" + Printable.of(text) + "\" (a number is expected at "
                        + start + ")");
            }
            int unitStart = i;
            while (i < text.length() && !Character.isDigit(text.charAt(i)) && text.charAt(i) != '.') {
                i++;
            }
            long unit = unitNanos(text.substring(unitStart, i), text);
            nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(unit)));
        }
        BigInteger whole = nanos.toBigInteger();
        if (whole.compareTo(MAX_NANOS) > 0) {
            throw new IllegalArgumentException("duration out of range: \"" + Printable.of(text) + "\"");
        }
        long result = whole.longValueExact();
        return negative ? -result : result;
    }

    /**
     * The common case in long arithmetic: every number's fraction a whole count of nanoseconds
     * of its unit ({@code 23h59m58.836237921s}), so the sum is exact and equals what the decimal
     * parse gives. -1 for anything else (finer fractions, overflow, malformed text), which the
     * decimal parse then judges and explains.
     */
    private static long exactly(CharSequence text, int from) {
        int n = text.length();
        int i = from;
        long total = 0;
        try {
            while (i < n) {
                long whole = 0;
                long fraction = 0;
                long scale = 1;
                int digits = 0;
                boolean dot = false;
                for (char c; i < n && ((c = text.charAt(i)) >= '0' && c <= '9' || c == '.' && !dot); i++) {
                    if (c == '.') {
                        dot = true;
                    } else if (dot) {
                        if (scale == 1_000_000_000L) {
                            return -1;
                        }
                        fraction = fraction * 10 + (c - '0');
                        scale *= 10;
                        digits++;
                    } else {
                        whole = Math.addExact(Math.multiplyExact(whole, 10), c - '0');
                        digits++;
                    }
                }
                int unitStart = i;
                while (i < n && !(text.charAt(i) >= '0' && text.charAt(i) <= '9') && text.charAt(i) != '.') {
                    i++;
                }
                long unit = digits == 0 ? 0 : unitAt(text, unitStart, i);
                if (unit == 0 || unit % scale != 0) {
                    return -1;
                }
                total = Math.addExact(total, Math.addExact(Math.multiplyExact(whole, unit), Math.multiplyExact(fraction, unit / scale)));
            }
        } catch (ArithmeticException overflow) {
            return -1;
        }
        return total;
    }

    /** The unit {@code text[from, to)} names, in nanoseconds, or 0; read in place (a startup pull parses a million). */
    private static long unitAt(CharSequence text, int from, int to) {
        char first = from < to ? text.charAt(from) : 0;
        if (to - from == 1) {
            return first == 's' ? 1_000_000_000L : first == 'm' ? 60_000_000_000L : first == 'h' ? 3_600_000_000_000L : 0;
        }
        if (to - from != 2 || text.charAt(from + 1) != 's') {
            return 0;
        }
        return switch (first) {
            case 'n' -> 1L;
            case 'u', '\u00b5', '\u03bc' -> 1_000L;
            case 'm' -> 1_000_000L;
            default -> 0L;
        };
    }

    private static long unitNanos(String unit, String text) {
        switch (unit) {
            case "ns":
                return 1L;
            case "us":
            case "\u00b5s":
            case "\u03bcs":
                return 1_000L;
            case "ms":
                return 1_000_000L;
            case "s":
                return 1_000_000_000L;
            case "m":
                return 60_000_000_000L;
            case "h":
                return 3_600_000_000_000L;
            default:
                throw new IllegalArgumentException("not a duration: \"" + Printable.of(text) + "\" (unit \"" + Printable.of(unit)
                        + "\" is none of ns, us, ms, s, m, h)");
        }
    }
}
