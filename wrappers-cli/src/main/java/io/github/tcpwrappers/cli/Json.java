/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the tools' {@code --json} output: maps (in their order), lists, strings, numbers,
 * booleans, {@link Optional} and null. Small on purpose, so the jar needs no JSON library.
 */
public final class Json {
    private Json() {
    }

    /**
     * The JSON text of {@code value}: maps, lists, strings, numbers, booleans, Optional, null.
     *
     * @param value the value to write
     * @return its JSON text
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value instanceof Optional<?> optional) {
            write(out, optional.orElse(null));
        } else if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, e.getKey().toString());
                out.append(':');
                write(out, e.getValue());
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(out, list.get(i));
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("no JSON form for " + value.getClass());
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        escape(out, s, true);
        out.append('"');
    }

    /**
     * The text with every control character escaped as the JSON output escapes it ({@code \n},
     * {@code \u001b}, ...), for the tools' text output: bytes from rule files and banners must
     * not reach a terminal as escape sequences. Tabs, quotes and backslashes stay as they are.
     */
    static String terminalSafe(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\t' && isControl(c)) {
                StringBuilder out = new StringBuilder(s.length() + 16);
                escape(out, s, false);
                return out.toString();
            }
        }
        return s; // the common case: nothing to escape, nothing copied
    }

    /** The one escaping both forms share; {@code json} adds the quote and backslash of the syntax. */
    private static void escape(StringBuilder out, String s, boolean json) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append(json ? "\\\"" : "\"");
                case '\\' -> out.append(json ? "\\\\" : "\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append(json ? "\\t" : "\t");
                default -> {
                    if (isControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    /**
     * C0 and C1 controls and DEL (a terminal acts on ESC, CSI, OSC...), the line and paragraph
     * separators JavaScript reads as line ends, and the bidirectional overrides that make a
     * terminal show text in an order other than its bytes'.
     */
    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029
                || (c >= 0x200E && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }
}
