/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.text;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Moves between Java text and the byte strings the language works on (ISO-8859-1 strings, one
 * char per byte). Rule files are bytes; names, paths and messages are UTF-8 where they are text.
 *
 * <p>The text form is lossless: valid UTF-8 is decoded, and each byte that is not part of valid
 * UTF-8 becomes the lone surrogate {@code U+DC80..U+DCFF} (Python's "surrogateescape"), which
 * no valid UTF-8 decodes to. {@link #toBytes} gives the exact bytes back, so a value libwrap
 * would hand to the shell or to a client byte for byte ({@code spawn x%éy} keeps the lone
 * continuation byte 0xA9) reaches them unchanged, while logs and the API still see text.
 *
 * <pre>{@code
 * String text = ByteText.toText(ByteText.of(fileBytes));
 * byte[] same = ByteText.toBytes(text);   // equal to fileBytes
 * }</pre>
 */
public final class ByteText {
    /** Where the escaped bytes 0x80..0xFF live in the text form. */
    private static final char ESCAPE_BASE = 0xDC00;

    private ByteText() {
    }

    /** Raw bytes as a byte string. */
    public static String of(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** Java text as the byte string of its bytes (UTF-8, escaped bytes restored; the same instance for ASCII). */
    public static String fromText(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return of(toBytes(text));
            }
        }
        return text;
    }

    /** The bytes of a text form: UTF-8, with each escaped byte {@code U+DC80..U+DCFF} as itself. */
    public static byte[] toBytes(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 8);
        int i = 0;
        while (i < text.length()) {
            int start = i;
            while (i < text.length() && !escaped(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.writeBytes(text.substring(start, i).getBytes(StandardCharsets.UTF_8));
            }
            if (i < text.length()) {
                out.write(text.charAt(i++) - ESCAPE_BASE);
            }
        }
        return out.toByteArray();
    }

    private static boolean escaped(char c) {
        return c >= ESCAPE_BASE + 0x80 && c <= ESCAPE_BASE + 0xFF;
    }

    /** A byte string read as UTF-8 text, bytes outside valid UTF-8 escaped (the same instance for ASCII). */
    public static String toText(String bytes) {
        int i = 0;
        while (i < bytes.length() && bytes.charAt(i) < 0x80) {
            i++;
        }
        if (i == bytes.length()) {
            return bytes;
        }
        StringBuilder out = new StringBuilder(bytes.length());
        out.append(bytes, 0, i);
        while (i < bytes.length()) {
            int b = bytes.charAt(i);
            if (b < 0x80) {
                out.append((char) b);
                i++;
                continue;
            }
            int length = sequenceLength(bytes, i);
            if (length == 0) {
                out.append((char) (ESCAPE_BASE + b));
                i++;
            } else {
                out.append(new String(bytes.substring(i, i + length).getBytes(StandardCharsets.ISO_8859_1),
                        StandardCharsets.UTF_8));
                i += length;
            }
        }
        return out.toString();
    }

    /** The length of the well-formed UTF-8 sequence at {@code i} (RFC 3629 table), or 0. */
    private static int sequenceLength(String s, int i) {
        int b0 = s.charAt(i);
        int length;
        int low = 0x80;
        int high = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            length = 2;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            length = 3;
            low = b0 == 0xE0 ? 0xA0 : 0x80;  // no overlong forms
            high = b0 == 0xED ? 0x9F : 0xBF; // no encoded surrogates
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            length = 4;
            low = b0 == 0xF0 ? 0x90 : 0x80;
            high = b0 == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
        } else {
            return 0;
        }
        if (i + length > s.length()) {
            return 0;
        }
        for (int k = 1; k < length; k++) {
            int b = s.charAt(i + k);
            int lo = k == 1 ? low : 0x80;
            int hi = k == 1 ? high : 0xBF;
            if (b < lo || b > hi) {
                return 0;
            }
        }
        return length;
    }
}
