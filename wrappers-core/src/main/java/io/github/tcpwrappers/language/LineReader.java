package io.github.tcpwrappers.language;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a table into logical lines exactly as libwrap's {@code xgets} does: a 2048-byte
 * buffer, backslash-newline continuation, line numbers counting physical lines that ended in a
 * newline, and the quirks of {@code fgets} + {@code strlen} on a NUL byte (the rest of that
 * physical line is lost and the next one is appended).
 */
final class LineReader {
    static final int BUFFER = 2048;

    /** One logical line: its bytes (with the final newline when present) and its line numbers. */
    record LogicalLine(String text, int firstLine, int line, boolean joined) {
        boolean complete() {
            return !text.isEmpty() && text.charAt(text.length() - 1) == '\n';
        }
    }

    private final String data;
    private int pos;
    private int lineCount;
    private int nextNul = -1;

    LineReader(String latin1) {
        this.data = latin1;
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

    private boolean noNulBetween(int newline) {
        if (nextNul != Integer.MAX_VALUE && nextNul < pos) {
            int found = data.indexOf('\0', pos);
            nextNul = found < 0 ? Integer.MAX_VALUE : found;
        }
        return nextNul > newline;
    }

    /** The next logical line, or null at end of input. */
    LogicalLine next() {
        int newline = data.indexOf('\n', pos);
        if (newline >= 0 && newline - pos < BUFFER - 1 && (newline == pos || data.charAt(newline - 1) != '\\')
                && (nextNul == Integer.MAX_VALUE || (nextNul >= 0 && nextNul > newline) || noNulBetween(newline))) {
            // The common case: one whole physical line that fits, no continuation, no NUL.
            String text = data.substring(pos, newline + 1);
            pos = newline + 1;
            lineCount++;
            return new LogicalLine(text, lineCount, lineCount, false);
        }
        StringBuilder buf = new StringBuilder();
        int len = BUFFER;
        int first = lineCount + 1;
        boolean joined = false;
        // fgets(ptr, len) reads at most len-1 bytes; with len == 1 it would read nothing forever,
        // which Debian's fix_parsing_long_lines turns into "line too long".
        while (len > 1 && pos < data.length()) {
            int limit = Math.min(data.length(), pos + len - 1);
            int end = pos;
            while (end < limit) {
                if (data.charAt(end++) == '\n') {
                    break;
                }
            }
            int got = end - pos;
            if (nextNul != Integer.MAX_VALUE && nextNul < pos) {
                int found = data.indexOf('\0', pos);
                nextNul = found < 0 ? Integer.MAX_VALUE : found;
            }
            if (nextNul < end) {
                got = nextNul - pos;
            }
            String chunk = data.substring(pos, pos + got);
            pos = end;
            if (got >= 1 && chunk.charAt(got - 1) == '\n') {
                lineCount++;
                if (got >= 2 && chunk.charAt(got - 2) == '\\') {
                    buf.append(chunk, 0, got - 2);
                    len -= got - 2;
                    joined = true;
                    continue;
                }
                buf.append(chunk);
                return new LogicalLine(buf.toString(), first, lineCount, joined);
            }
            buf.append(chunk);
            len -= got;
        }
        if (buf.length() == 0) {
            return null;
        }
        return new LogicalLine(buf.toString(), first, lineCount, joined);
    }
}
