/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.language;

import io.github.tcpwrappers.spi.AccountNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One pass over a table's bytes. A whole physical line of the form {@code <daemons>: a.b.c.d}
 * (anything before the address, anything after it) whose bytes around the address are a known
 * compact {@link Shape} costs a scan for its newline and colon, the address's digits and a
 * shape lookup: no {@code String}, no pattern objects. The first line of each shape, and every
 * line of another form, is parsed in full, exactly as libwrap's table_match reads it.
 */
final class TableParser {
    /** What one pass produced. */
    record Parsed(TableEntries.Segment segment, int lineCount, int consumed, boolean truncated) {
    }

    private final byte[] data;
    private final AccountNames accounts;
    private final HostPattern.HostListSource lists;
    private final InterfaceNames interfaces;
    private final Shapes shapes;
    private final int start;

    private int size;
    private int[] lines;
    private int[] offsets;
    private int[] kinds;
    private final List<RuleTable.Entry> generics = new ArrayList<>();
    private int rules;
    private int[] addresses;
    private int[] positions;
    private int addressCount;

    private TableParser(byte[] data, int start, Shapes shapes, AccountNames accounts, HostPattern.HostListSource lists,
            InterfaceNames interfaces) {
        this.data = data;
        this.start = start;
        this.shapes = shapes;
        this.accounts = accounts;
        this.lists = lists;
        this.interfaces = interfaces;
        // One entry per newline at most (plus a last line without one): sized once, no growing.
        int guess = 1;
        for (byte b : data) {
            if (b == '\n') {
                guess++;
            }
        }
        this.lines = new int[guess];
        this.offsets = new int[guess];
        this.kinds = new int[guess];
        this.addresses = new int[guess];
        this.positions = new int[guess];
    }

    /**
     * Parses {@code data} from its start. With {@code appending}, a last line without its
     * newline is left for later (not consumed, no {@link RuleTable.Truncated} entry): it is the
     * part of an append still being written.
     *
     * @param start the global position of the first entry
     * @param linesBefore libwrap's line counter before the first byte
     */
    static Parsed parse(byte[] data, int start, int linesBefore, Shapes shapes, AccountNames accounts,
            HostPattern.HostListSource lists, InterfaceNames interfaces, boolean appending) {
        return new TableParser(data, start, shapes, accounts, lists, interfaces).run(linesBefore, appending);
    }

    private Parsed run(int linesBefore, boolean appending) {
        LineReader reader = new LineReader(data, 0, linesBefore);
        boolean truncated = false;
        int consumed = 0;
        while (true) {
            int lineStart = reader.position();
            int newline = reader.simpleLineEnd();
            if (newline >= 0) {
                reader.skipSimpleLine(newline);
                consumed = newline + 1;
                if (newline == lineStart || data[lineStart] == '#' || compact(lineStart, newline, reader.lineCount())) {
                    continue;
                }
                entry(latin1(lineStart, newline + 1), reader.lineCount(), reader.lineCount(), lineStart);
                continue;
            }
            LineReader.LogicalLine logical = reader.next();
            if (logical == null) {
                break;
            }
            if (!logical.complete()) {
                if (!appending) {
                    add(new RuleTable.Truncated(logical.line()), lineStart);
                    truncated = true;
                }
                break;
            }
            consumed = reader.position();
            entry(logical.text(), logical.firstLine(), logical.line(), lineStart);
        }
        int lineCount = truncated || !appending ? reader.lineCount() : countBefore(reader, consumed, linesBefore);
        TableEntries.Segment segment = new TableEntries.Segment(data, start, size, rules, trim(lines), trim(offsets),
                trim(kinds), shapes.array(),
                generics.toArray(new RuleTable.Entry[0]), Ipv4Index.of(addresses, positions, addressCount, size));
        return new Parsed(segment, lineCount, consumed, truncated);
    }

    /** libwrap's line counter at {@code consumed}: the physical lines ended before it. */
    private int countBefore(LineReader reader, int consumed, int linesBefore) {
        if (consumed == reader.position()) {
            return reader.lineCount();
        }
        int count = linesBefore;
        for (int i = 0; i < consumed; i++) {
            if (data[i] == '\n') {
                count++;
            }
        }
        return count;
    }

    /** The fast path: true when the line was taken as a compact line (or as its shape's first). */
    private boolean compact(int lineStart, int newline, int line) {
        int colon = -1;
        for (int i = lineStart; i < newline; i++) {
            byte b = data[i];
            if (b == ':') {
                colon = i;
                break;
            }
            if (b == '[' || b == ']') {
                return false; // split_at counts brackets: leave those lines to the full parse
            }
        }
        if (colon < 0) {
            return false;
        }
        int at = colon + 1;
        while (at < newline && (data[at] == ' ' || data[at] == '\t')) {
            at++;
        }
        int end = addressEnd(data, at);
        if (end > newline || (end < newline && !endsToken(data[end]))) {
            return false;
        }
        long address = canonicalIpv4(data, at, end);
        if (address < 0) {
            return false;
        }
        int hash = Shape.hash(data, lineStart, at, end, newline);
        int kind = shapes.find(hash, data, lineStart, at, end, newline);
        if (kind < 0) {
            // The first line of this shape: parse it in full, which proves what the shape is.
            String text = latin1(lineStart, newline + 1);
            Rule rule = rule(text, line, line);
            Shape shape = Shape.of(Arrays.copyOfRange(data, lineStart, at), Arrays.copyOfRange(data, end, newline),
                    hash, rule, latin1(at, end));
            kind = shapes.add(shape);
            if (kind < 0 || !shape.compact()) {
                add(new RuleTable.RuleEntry(rule), lineStart);
                return true;
            }
        } else if (!shapes.array()[kind].compact()) {
            return false;
        }
        grow();
        lines[size] = line;
        offsets[size] = lineStart;
        kinds[size] = kind;
        addresses[addressCount] = (int) address;
        positions[addressCount++] = size;
        size++;
        rules++;
        return true;
    }

    private static boolean endsToken(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == ',' || b == ':';
    }

    /** The end of the run of digits and dots at {@code at}. */
    static int addressEnd(byte[] data, int at) {
        int end = at;
        while (end < data.length && ((data[end] >= '0' && data[end] <= '9') || data[end] == '.')) {
            end++;
        }
        return end;
    }

    /**
     * The value of {@code a.b.c.d} in plain decimal (no leading zeros, each at most 255), the
     * one spelling whose text equality and numeric equality agree; -1 for any other text.
     */
    static long canonicalIpv4(byte[] data, int from, int to) {
        long value = 0;
        int octets = 0;
        int i = from;
        while (true) {
            int digits = 0;
            int octet = 0;
            while (i < to && data[i] >= '0' && data[i] <= '9' && digits < 4) {
                octet = octet * 10 + (data[i++] - '0');
                digits++;
            }
            if (digits == 0 || digits > 3 || octet > 255 || (digits > 1 && data[i - digits] == '0')) {
                return -1;
            }
            value = (value << 8) | octet;
            if (++octets == 4) {
                return i == to ? value : -1;
            }
            if (i >= to || data[i++] != '.') {
                return -1;
            }
        }
    }

    /** A logical line read in full: a rule, a skipped line, or nothing (comment, blank). */
    private void entry(String text, int firstLine, int line, int lineStart) {
        if (text.charAt(0) == '#' || isBlank(text)) {
            return;
        }
        if (CText.splitAt(text, 0, ':') < 0) {
            add(new RuleTable.Skipped(line, "missing \":\" separator"), lineStart);
            return;
        }
        add(new RuleTable.RuleEntry(rule(text, firstLine, line)), lineStart);
    }

    /** The rule of a logical line that has a first colon. */
    private Rule rule(String text, int firstLine, int line) {
        int first = CText.splitAt(text, 0, ':');
        int second = CText.splitAt(text, first + 1, ':');
        String daemonText = text.substring(0, first);
        String clientText = second < 0 ? text.substring(first + 1) : text.substring(first + 1, second);
        Optional<List<OptionStep>> options = second < 0
                ? Optional.empty()
                : Optional.of(OptionParser.parse(text.substring(second + 1), accounts));
        return new Rule(line, firstLine,
                PatternList.parse(daemonText, token -> DaemonPattern.parse(token, lists, interfaces)),
                PatternList.parse(clientText, token -> ClientPattern.parse(token, lists, interfaces)),
                options, text.substring(0, text.length() - 1));
    }

    private void add(RuleTable.Entry entry, int lineStart) {
        grow();
        lines[size] = entry.line();
        offsets[size] = lineStart;
        kinds[size] = -1 - generics.size();
        generics.add(entry);
        if (entry instanceof RuleTable.RuleEntry) {
            rules++;
        }
        size++;
    }

    /**
     * The first {@code size} values: the array itself when little of it is unused (comments and
     * blank lines take no entry), so that a big table's arrays are not copied once more.
     */
    private int[] trim(int[] values) {
        return values.length - size <= values.length / 32 ? values : Arrays.copyOf(values, size);
    }

    private void grow() {
        if (size == lines.length) {
            int n = size * 2;
            lines = Arrays.copyOf(lines, n);
            offsets = Arrays.copyOf(offsets, n);
            kinds = Arrays.copyOf(kinds, n);
            addresses = Arrays.copyOf(addresses, n);
            positions = Arrays.copyOf(positions, n);
        }
    }

    private static boolean isBlank(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c == ' ' || c == '\t' || c == '\r' || c == '\n')) {
                return false;
            }
        }
        return true;
    }

    private String latin1(int from, int to) {
        return new String(data, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
