/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.crowdsec;

/**
 * Text from the Local API made safe to put in a log line, an exception or a list entry: control
 * characters, line and paragraph separators and bidi controls escaped, the result cut at a
 * bound, so a hostile or broken LAPI can neither forge log lines nor flood them.
 */
final class Printable {
    /** The longest result, in chars (a list entry's origin and reason hold up to 256). */
    static final int MAX = 200;

    private Printable() {
    }

    static String of(String text) {
        if (plain(text)) {
            return text; // the common case: a startup pull passes a million origins and scenarios through here
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX) + 8);
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            String piece = c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || (c >= 0x2028 && c <= 0x202E)
                    || (c >= 0x2066 && c <= 0x2069) ? String.format("\\u%04x", c) : new String(Character.toChars(c));
            if (out.length() + piece.length() > MAX) {
                return out.append("...").toString();
            }
            out.append(piece);
            i += Character.charCount(c);
        }
        return out.toString();
    }

    /** Printable ASCII within the bound: nothing to escape or cut. */
    private static boolean plain(String text) {
        if (text.length() > MAX) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7F) {
                return false;
            }
        }
        return true;
    }
}
