package io.github.tcpwrappers.language;

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

    /**
     * Parses a table's bytes (as an ISO-8859-1 string) the way libwrap's table_match reads it.
     */
    public static RuleTable parse(String path, String latin1, AccountNames accounts,
            HostPattern.HostListSource lists) {
        List<Entry> entries = new ArrayList<>();
        LineReader reader = new LineReader(latin1);
        LineReader.LogicalLine logical;
        while ((logical = reader.next()) != null) {
            if (!logical.complete()) {
                entries.add(new Truncated(logical.line()));
                break;
            }
            String text = logical.text();
            if (text.charAt(0) == '#' || isBlank(text)) {
                continue;
            }
            int first = CText.splitAt(text, 0, ':');
            if (first < 0) {
                entries.add(new Skipped(logical.line(), "missing \":\" separator"));
                continue;
            }
            int second = CText.splitAt(text, first + 1, ':');
            String daemonText = text.substring(0, first);
            String clientText = second < 0 ? text.substring(first + 1) : text.substring(first + 1, second);
            Optional<List<OptionStep>> options = second < 0
                    ? Optional.empty()
                    : Optional.of(OptionParser.parse(text.substring(second + 1), accounts));
            Rule rule = new Rule(logical.line(), logical.firstLine(),
                    PatternList.parse(daemonText, token -> DaemonPattern.parse(token, lists)),
                    PatternList.parse(clientText, token -> ClientPattern.parse(token, lists)),
                    options, text.substring(0, text.length() - 1));
            entries.add(new RuleEntry(rule));
        }
        return new RuleTable(path, Optional.empty(), List.copyOf(entries));
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
