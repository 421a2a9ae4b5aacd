package io.github.tcpwrappers.language;

import java.nio.charset.StandardCharsets;

/**
 * Moves between Java text and the byte strings the language works on (ISO-8859-1 strings, one
 * char per byte). Rule files are bytes; names, paths and messages are UTF-8 where they are text.
 */
public final class ByteText {
    private ByteText() {
    }

    /** Raw bytes as a byte string. */
    public static String of(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** Java text as the byte string of its UTF-8 encoding (the same instance for ASCII). */
    public static String fromText(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            }
        }
        return text;
    }

    /** A byte string read as UTF-8 text (the same instance for ASCII). */
    public static String toText(String bytes) {
        for (int i = 0; i < bytes.length(); i++) {
            if (bytes.charAt(i) >= 0x80) {
                return new String(bytes.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            }
        }
        return bytes;
    }
}
