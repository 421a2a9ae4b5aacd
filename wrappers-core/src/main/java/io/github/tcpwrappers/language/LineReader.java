/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.language;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a table into logical lines exactly as libwrap's {@code xgets} does: a 2048-byte
 * buffer, backslash-newline continuation, line numbers counting physical lines that ended in a
 * newline, and the quirks of {@code fgets} + {@code strlen} on a NUL byte (the rest of that
 * physical line is lost and the next one is appended).
 *
 * <p>Works on the file's bytes. The parser's fast path asks {@link #simpleLineEnd()} whether the
 * next line is one whole physical line (the case of nearly every line of a blocklist) and then
 * reads it in place, without a {@code String}; everything else goes through {@link #next()}.
 */
final class LineReader {
    static final int BUFFER = 2048;

    /** One logical line: its bytes (with the final newline when present) and its line numbers. */
    record LogicalLine(String text, int firstLine, int line, boolean joined) {
        boolean complete() {
            return !text.isEmpty() && text.charAt(text.length() - 1) == '\n';
        }
    }

    private final byte[] data;
    private final int end;
    private int pos;
    private int lineCount;
    private int nextNul = -1;

    LineReader(String latin1) {
        this(latin1.getBytes(StandardCharsets.ISO_8859_1), 0, 0);
    }

    /** A reader of {@code data} from {@code from}, whose earlier bytes held {@code linesBefore} lines. */
    LineReader(byte[] data, int from, int linesBefore) {
        this.data = data;
        this.end = data.length;
        this.pos = from;
        this.lineCount = linesBefore;
    }

    /** Reads every logical line up to and including the first incomplete one. */
    static List<LogicalLine> readAll(String latin1) {
        LineReader reader = new LineReader(latin1);
        List<LogicalLine> lines = new ArrayList<>();
        LogicalLine line;
        while ((line = reader.next()) != null) {
            lines.add(line);
            if (!line.complete()) {
                break;
            }
        }
        return lines;
    }

    /** Where the next line starts. */
    int position() {
        return pos;
    }

    /** Physical lines read so far (libwrap's line counter). */
    int lineCount() {
        return lineCount;
    }

    private int indexOf(byte b, int from) {
        for (int i = from; i < end; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private boolean noNulBetween(int newline) {
        if (nextNul != Integer.MAX_VALUE && nextNul < pos) {
            int found = indexOf((byte) 0, pos);
            nextNul = found < 0 ? Integer.MAX_VALUE : found;
        }
        return nextNul > newline;
    }

    /**
     * The index of the newline ending the next line when that line is one whole physical line
     * that fits libwrap's buffer, does not continue and holds no NUL; otherwise -1.
     */
    int simpleLineEnd() {
        int newline = indexOf((byte) '\n', pos);
        if (newline >= 0 && newline - pos < BUFFER - 1 && (newline == pos || data[newline - 1] != '\\')
                && (nextNul == Integer.MAX_VALUE || (nextNul >= 0 && nextNul > newline) || noNulBetween(newline))) {
            return newline;
        }
        return -1;
    }

    /** Steps over the simple line {@link #simpleLineEnd()} found. */
    void skipSimpleLine(int newline) {
        pos = newline + 1;
        lineCount++;
    }

    /** The next logical line, or null at end of input. */
    LogicalLine next() {
        int newline = simpleLineEnd();
        if (newline >= 0) {
            // The common case: one whole physical line that fits, no continuation, no NUL.
            String text = latin1(pos, newline + 1);
            skipSimpleLine(newline);
            return new LogicalLine(text, lineCount, lineCount, false);
        }
        StringBuilder buf = new StringBuilder();
        int len = BUFFER;
        int first = lineCount + 1;
        boolean joined = false;
        // fgets(ptr, len) reads at most len-1 bytes; with len == 1 it would read nothing forever,
        // which Debian's fix_parsing_long_lines turns into "line too long".
        while (len > 1 && pos < end) {
            int limit = Math.min(end, pos + len - 1);
            int stop = pos;
            while (stop < limit) {
                if (data[stop++] == '\n') {
                    break;
                }
            }
            int got = stop - pos;
            if (nextNul != Integer.MAX_VALUE && nextNul < pos) {
                int found = indexOf((byte) 0, pos);
                nextNul = found < 0 ? Integer.MAX_VALUE : found;
            }
            if (nextNul < stop) {
                got = nextNul - pos;
            }
            int chunk = pos;
            pos = stop;
            if (got >= 1 && data[chunk + got - 1] == '\n') {
                lineCount++;
                if (got >= 2 && data[chunk + got - 2] == '\\') {
                    buf.append(latin1(chunk, chunk + got - 2));
                    len -= got - 2;
                    joined = true;
                    continue;
                }
                buf.append(latin1(chunk, chunk + got));
                return new LogicalLine(buf.toString(), first, lineCount, joined);
            }
            buf.append(latin1(chunk, chunk + got));
            len -= got;
        }
        if (buf.length() == 0) {
            return null;
        }
        return new LogicalLine(buf.toString(), first, lineCount, joined);
    }

    private String latin1(int from, int to) {
        return new String(data, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
