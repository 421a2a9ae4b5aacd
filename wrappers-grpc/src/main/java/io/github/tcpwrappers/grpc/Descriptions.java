package io.github.tcpwrappers.grpc;

import java.nio.charset.StandardCharsets;

/** Turns banner text and twist output into a bounded status description. */
final class Descriptions {
    private Descriptions() {
    }

    /**
     * The text with CR LF line ends made LF and trailing blanks dropped, cut to at most
     * {@code limit} UTF-8 bytes on a character boundary.
     */
    static String clip(String text, int limit) {
        String plain = text.replace("\r\n", "\n").stripTrailing();
        byte[] utf8 = plain.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= limit) {
            return plain;
        }
        return decodePrefix(utf8, limit).stripTrailing();
    }

    /** The first {@code limit} bytes as UTF-8, without a character cut in half at the end. */
    static String decodePrefix(byte[] utf8, int limit) {
        int end = Math.min(limit, utf8.length);
        if (end < utf8.length) {
            // Back up over continuation bytes (10xxxxxx) to the start of the cut character.
            int start = end;
            while (start > 0 && (utf8[start] & 0xC0) == 0x80) {
                start--;
            }
            end = start;
        }
        return new String(utf8, 0, end, StandardCharsets.UTF_8);
    }
}
