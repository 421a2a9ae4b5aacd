package io.github.tcpwrappers.crowdsec;

/**
 * Text from the Local API made safe to put in a log line or an exception: control characters
 * and bidi overrides escaped, cut at a bound, so a hostile or broken LAPI cannot forge log
 * lines or flood them.
 */
final class Printable {
    private static final int MAX = 200;

    private Printable() {
    }

    static String of(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX) + 8);
        text.codePoints().limit(MAX).forEach(c -> {
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        if (text.codePointCount(0, text.length()) > MAX) {
            out.append("...");
        }
        return out.toString();
    }
}
