/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.language;

import io.github.tcpwrappers.spi.AccountNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One parsed table (hosts.allow or hosts.deny) in file order, with everything libwrap reacts to
 * while scanning it: rules, lines it skips with a warning, and the line where it gives up.
 *
 * @param path the table's path as messages name it
 * @param unreadable why the file could not be opened, when it exists but cannot be read (libwrap
 *     then warns and treats the table as an error); empty for a readable or missing file
 * @param entries rules and events in file order
 */
public record RuleTable(String path, Optional<String> unreadable, List<Entry> entries) {

    /** Something at a line of the table. */
    public sealed interface Entry {
        /** libwrap's line number. */
        int line();
    }

    /** A rule. */
    public record RuleEntry(Rule rule) implements Entry {
        @Override
        public int line() {
            return rule.line();
        }
    }

    /** A line libwrap skips with a warning (no colon). */
    public record Skipped(int line, String message) implements Entry {
    }

    /**
     * A line without its newline, or too long: libwrap warns twice and the table is in error
     * from here on.
     */
    public record Truncated(int line) implements Entry {
    }

    /** A table that does not exist: empty, silently. */
    public static RuleTable missing(String path) {
        return new RuleTable(path, Optional.empty(), List.of());
    }

    /** A table that exists but cannot be opened. */
    public static RuleTable unreadable(String path, String reason) {
        return new RuleTable(path, Optional.of(reason), List.of());
    }

    /** Holds entries made elsewhere as they are; a parsed table's entries stay compact. */
    public RuleTable {
        entries = entries instanceof TableEntries ? entries : TableEntries.of(List.copyOf(entries));
    }

    /**
     * Parses a table's bytes (as an ISO-8859-1 string) the way libwrap's table_match reads it.
     */
    public static RuleTable parse(String path, String latin1, AccountNames accounts,
            HostPattern.HostListSource lists, InterfaceNames interfaces) {
        return parse(path, latin1.getBytes(StandardCharsets.ISO_8859_1), accounts, lists, interfaces);
    }

    /**
     * Parses a table's bytes the way libwrap's table_match reads it, in one pass (see
     * {@link TableParser}); the entries keep {@code bytes} (not a copy) to rebuild compact lines.
     * {@code accounts} and {@code interfaces} answer the questions the language has for the
     * machine (user and group names, IPv6 zone names).
     */
    public static RuleTable parse(String path, byte[] bytes, AccountNames accounts, HostPattern.HostListSource lists,
            InterfaceNames interfaces) {
        Shapes shapes = Shapes.none();
        TableParser.Parsed parsed = TableParser.parse(bytes, 0, 0, shapes, accounts, lists, interfaces, false);
        return new RuleTable(path, Optional.empty(), TableEntries.parsed(parsed.segment(), shapes, parsed.lineCount(),
                parsed.consumed(), parsed.truncated()));
    }

    /**
     * This table with the whole lines of {@code tail} (the bytes a file gained after
     * {@link #consumed()}) appended, sharing everything already parsed; a last line without
     * its newline is left out and counted in neither table. Empty when this table cannot grow:
     * it was unreadable, or it ended in a line libwrap gives up at.
     *
     * <pre>{@code
     * RuleTable grown = table.append(tailBytes, accounts, lists, interfaces).orElseGet(() -> parse(...));
     * }</pre>
     */
    public Optional<RuleTable> append(byte[] tail, AccountNames accounts, HostPattern.HostListSource lists,
            InterfaceNames interfaces) {
        TableEntries old = (TableEntries) entries;
        if (unreadable.isPresent() || old.truncated()) {
            return Optional.empty();
        }
        Shapes shapes = old.shapes().copy();
        TableParser.Parsed parsed = TableParser.parse(tail, old.size(), old.lineCount(), shapes, accounts, lists,
                interfaces, true);
        return Optional.of(new RuleTable(path, unreadable, old.with(parsed.segment(), shapes, parsed.lineCount(),
                old.consumed() + parsed.consumed())));
    }

    /** Bytes of the table read up to the end of its last whole line. */
    public long consumed() {
        return ((TableEntries) entries).consumed();
    }

    /** How many rules the table holds, without rebuilding them. */
    public int ruleCount() {
        return ((TableEntries) entries).ruleCount();
    }

    /** The entries as stored: segments of compact lines and parsed entries. */
    public TableEntries compactEntries() {
        return (TableEntries) entries;
    }

    /** The rules alone, in order. */
    public List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        for (Entry e : entries) {
            if (e instanceof RuleEntry r) {
                rules.add(r.rule());
            }
        }
        return rules;
    }
}
