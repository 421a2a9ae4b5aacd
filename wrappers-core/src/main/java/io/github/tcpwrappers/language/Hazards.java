/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.language;

import io.github.tcpwrappers.value.Diagnostic;
import io.github.tcpwrappers.value.Diagnostic.Level;
import io.github.tcpwrappers.value.RuleLocation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Finds what strict mode refuses and tcpdchk reports: everything libwrap would warn about or
 * fail on, and the real-world mistakes whose libwrap meaning surprises (shared/conformance
 * hazards.md). Errors make strict loading refuse the file; warnings are advice. Each message
 * says what libwrap does and how to write it instead. Rules hidden by earlier ones are
 * {@link Shadowing}'s business, across both tables.
 */
public final class Hazards {
    private final String path;
    private final List<Diagnostic> found = new ArrayList<>();
    private final Set<String> visitedLists = new HashSet<>();
    private boolean inComment;

    private Hazards(String path) {
        this.path = path;
    }

    /** Checks one table: its text (ISO-8859-1) and its parsed form. */
    public static List<Diagnostic> check(RuleTable table, String latin1) {
        return check(table, latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Checks one table: its bytes and its parsed form. */
    public static List<Diagnostic> check(RuleTable table, byte[] bytes) {
        Hazards h = new Hazards(table.path());
        if (table.unreadable().isPresent()) {
            h.found.add(new Diagnostic(Level.ERROR, Optional.of(new RuleLocation(
                    table.path(), 0)), "cannot open: " + table.unreadable().get()
                    + "; libwrap treats the table as an error (in hosts.deny: everyone is denied)"));
            return h.found;
        }
        h.swallowingComments(bytes, 0);
        h.entries(table.compactEntries(), 0);
        return h.found;
    }

    /**
     * Checks what an append added: {@code grown} is {@code before} with the lines of
     * {@code tail}. Every check is of one line alone, so the new lines get exactly the
     * diagnostics a full check would give them.
     */
    public static List<Diagnostic> checkAppended(RuleTable before, RuleTable grown, byte[] tail) {
        Hazards h = new Hazards(grown.path());
        h.swallowingComments(tail, before.compactEntries().lineCount());
        h.entries(grown.compactEntries(), before.compactEntries().size());
        return h.found;
    }

    private void entries(TableEntries entries, int from) {
        // The lines of a compact shape differ only in an address that no check looks at (a plain
        // a.b.c.d between blanks), so one shape's findings are those of its first line.
        Map<Shape, List<Diagnostic>> byShape = new IdentityHashMap<>();
        Shape last = null;
        List<Diagnostic> shaped = List.of();
        for (TableEntries.Segment segment : entries.segments()) {
            for (int local = Math.max(0, from - segment.start()); local < segment.size(); local++) {
                if (segment.compact(local)) {
                    int line = segment.line(local);
                    int first = local;
                    if (segment.shape(local) != last) { // a blocklist is one shape line after line
                        last = segment.shape(local);
                        shaped = byShape.computeIfAbsent(last, s -> shapeFindings((RuleTable.RuleEntry) segment.entry(first)));
                    }
                    for (Diagnostic d : shaped) {
                        found.add(Diagnostic.at(d.level(), path, line, d.message()));
                    }
                } else {
                    entry(segment.entry(local));
                }
            }
        }
    }

    private List<Diagnostic> shapeFindings(RuleTable.RuleEntry first) {
        Hazards alone = new Hazards(path);
        alone.rule(first.rule());
        return alone.found;
    }

    private void entry(RuleTable.Entry entry) {
        if (entry instanceof RuleTable.Truncated t) {
            error(t.line() + 1, "missing newline or line too long (2046 bytes at most): libwrap ignores this"
                    + " line and every line after it, and in hosts.deny denies everyone not yet allowed;"
                    + " end the file with a newline and keep lines short");
        } else if (entry instanceof RuleTable.Skipped s) {
            error(s.line(), "missing \":\" separator: libwrap skips this line (an indented comment,"
                    + " a pasted address, a non-ASCII colon?); write daemon_list : client_list, comments in column 1");
        } else {
            rule(((RuleTable.RuleEntry) entry).rule());
        }
    }

    /** A table that is a directory: libwrap reads it as empty, silently; strict mode refuses it. */
    public static Diagnostic directoryTable(String path) {
        return Diagnostic.at(Level.ERROR, path, 0, "is a directory: libwrap reads it as an empty table, silently"
                + " (in hosts.deny nobody is denied); name a file");
    }

    private void error(int line, String message) {
        found.add(Diagnostic.at(Level.ERROR, path, line, message));
    }

    private void warning(int line, String message) {
        found.add(Diagnostic.at(Level.WARNING, path, line, message));
    }

    private void swallowingComments(byte[] bytes, int linesBefore) {
        if (!continues(bytes)) {
            return; // no backslash-newline anywhere: no comment can swallow a line
        }
        LineReader reader = new LineReader(bytes, 0, linesBefore);
        LineReader.LogicalLine line;
        while ((line = reader.next()) != null && line.complete()) {
            if (line.joined() && line.text().charAt(0) == '#') {
                error(line.firstLine(), "comment ends in a backslash: libwrap joins the next line to the comment"
                        + " and ignores it; remove the backslash");
            }
        }
    }

    private static boolean continues(byte[] bytes) {
        for (int i = 1; i < bytes.length; i++) {
            if (bytes[i] == '\n' && bytes[i - 1] == '\\') {
                return true;
            }
        }
        return false;
    }

    private void rule(Rule rule) {
        inComment = false;
        int line = rule.line();
        String text = rule.text();
        int first = CText.splitAt(text, 0, ':');
        int second = CText.splitAt(text, first + 1, ':');
        String lists = second < 0 ? text : text.substring(0, second);
        bareIpv6(line, text, second < 0 ? text.length() : second);
        for (int i = 0; i < lists.length(); i++) {
            char c = lists.charAt(i);
            if (c >= 0x80 || (c < 0x20 && c != '\t' && c != '\r') || c == 0x7F) {
                error(line, String.format(Locale.ROOT, "byte 0x%02X in a pattern: libwrap separates patterns only by"
                        + " ASCII blanks and commas, so this pattern never matches; use plain ASCII", (int) c));
                break;
            }
        }
        if (digitCommaDigit(lists)) {
            error(line, "comma between digits: commas separate patterns, so libwrap sees several useless"
                    + " fragments; write the address with dots");
        }
        each(rule.daemons(), p -> daemon(line, p));
        each(rule.clients(), p -> client(line, p));
        rule.options().ifPresent(steps -> options(line, text.substring(second + 1), steps));
    }

    private static boolean digitCommaDigit(String text) {
        for (int i = 1; i + 1 < text.length(); i++) {
            if (text.charAt(i) == ',' && CText.isDigit(text.charAt(i - 1)) && CText.isDigit(text.charAt(i + 1))) {
                return true;
            }
        }
        return false;
    }

    private static <P> void each(PatternList<P> list, Consumer<P> check) {
        for (List<P> segment : list.segments()) {
            segment.forEach(check);
        }
    }

    private void daemon(int line, DaemonPattern p) {
        comment(line, p.text());
        trailingStars(line, p.text());
        if (p instanceof DaemonPattern.AtServer at) {
            host(line, at.server());
        }
        if (p instanceof DaemonPattern.Port port && !p.text().equals(Integer.toString(port.port()))) {
            warning(line, "\"" + p.text() + "\" is read as port " + port.port() + ", not as a daemon name; write "
                    + port.port());
        }
    }

    private void client(int line, ClientPattern p) {
        comment(line, p.text());
        if (inComment) {
            return; // one error for the would-be comment, no advice on the words in it
        }
        trailingStars(line, p.text());
        host(line, p instanceof ClientPattern.Host h ? h.host() : ((ClientPattern.UserAtHost) p).host());
        if (p instanceof ClientPattern.UserAtHost) {
            warning(line, "\"" + p.text() + "\" asks the client's ident (RFC 931) server at connection time;"
                    + " most clients run none, and then the user is unknown");
        }
    }

    private void comment(int line, String token) {
        if (token.startsWith("#") && !inComment) {
            inComment = true;
            error(line, "\"#\" after a rule is not a comment: libwrap reads \"" + token + "\" and the words after it"
                    + " as patterns; comments start only in column 1");
        }
    }

    private void host(int line, HostPattern p) {
        if (p instanceof HostPattern.Masked m) {
            masked(line, m);
        } else if (p instanceof HostPattern.AddressOrName a) {
            String t = a.text();
            if (a.pattern() instanceof StringPattern.Exact && !a.triesName()) {
                int parts = 1;
                for (int i = 0; i < t.length(); i++) {
                    if (t.charAt(i) == '.') {
                        parts++;
                    }
                }
                if (parts < 4) {
                    error(line, "\"" + t + "\" is compared with the whole address and never matches a real one;"
                            + " for a network prefix write \"" + t + ".\"");
                } else {
                    octal(line, t);
                }
            } else if (a.pattern() instanceof StringPattern.Prefix && !a.triesName()) {
                octal(line, t);
            } else if (a.pattern() instanceof StringPattern.Ipv6Literal v6) {
                if (t.indexOf('%') >= 0) {
                    zone(line, t);
                } else if (v6.address() == null) {
                    error(line, "\"" + t + "\" is not an IPv6 address and never matches");
                } else if (isMapped(v6.address())) {
                    error(line, "\"" + t + "\" never matches: libwrap compares mapped clients as IPv4; write the"
                            + " IPv4 address");
                }
            } else if (CText.equalsIgnoreCase(t, "localhost")) {
                warning(line, "\"localhost\" matches only a client whose name resolves to localhost, not 127.0.0.1"
                        + " without a name; add 127.0.0.1 [::1]");
            } else if (CText.equalsIgnoreCase(t, "UNKNOWN")) {
                warning(line, "UNKNOWN matches when the client's name or its address is unknown");
            } else if (a.triesName() && !(a.pattern() instanceof StringPattern.All)) {
                warning(line, "\"" + t + "\" is matched against host names: it depends on DNS at connection time");
            }
        } else if (p instanceof HostPattern.Netgroup) {
            warning(line, "\"" + p.text() + "\" is matched against host names: it depends on DNS and NIS at"
                    + " connection time");
        } else if (p instanceof HostPattern.Known || p instanceof HostPattern.Local) {
            warning(line, "\"" + p.text() + "\" depends on DNS at connection time");
        } else if (p instanceof HostPattern.FileList f) {
            if (f.list() instanceof HostPattern.HostList.Loaded loaded && visitedLists.add(loaded.path())) {
                for (HostPattern inner : loaded.patterns()) {
                    if (inner instanceof HostPattern.FileList) {
                        host(line, inner);
                    }
                }
            } else if (f.list() instanceof HostPattern.HostList.Unreadable u) {
                error(line, "list " + u.path() + " cannot be read (" + u.reason() + "): libwrap warns and it matches"
                        + " nothing");
            } else if (f.list() instanceof HostPattern.HostList.Directory d) {
                error(line, "list " + d.path() + " is a directory: libwrap reads it as an empty list, silently, so it"
                        + " matches nothing; name a file");
            } else if (f.list() instanceof HostPattern.HostList.Missing m) {
                warning(line, "list " + m.path() + " does not exist: it matches nothing until it does");
            } else if (f.list() instanceof HostPattern.HostList.Cycle c) {
                error(line, "list " + c.path() + " includes itself: libwrap would recurse until it crashed");
            }
        }
    }

    private static boolean isMapped(byte[] a) {
        return CText.isV4Mapped(a);
    }

    private void octal(int line, String numeric) {
        for (int i = 0; i + 1 < numeric.length(); i++) {
            boolean partStart = i == 0 || numeric.charAt(i - 1) == '.';
            if (partStart && numeric.charAt(i) == '0' && (CText.isDigit(numeric.charAt(i + 1)) || numeric.charAt(i + 1) == 'x' || numeric.charAt(i + 1) == 'X')) {
                error(line, "\"" + numeric + "\" has an octet with a leading zero: inet_addr reads it as octal or hex"
                        + " (010 is 8); write decimal");
                return;
            }
        }
    }

    private void zone(int line, String token) {
        error(line, "\"" + token + "\" has a zone (%...): libwrap ignores a zone glibc accepts and compares the"
                + " address only, and a zone glibc rejects makes the pattern match nothing; write the address"
                + " without it");
    }

    /**
     * {@code ssh**}: libwrap's matcher tries a run of stars followed by nothing one byte at a
     * time and never at the end, so the run needs one more byte ({@code ssh} does not match).
     */
    private void trailingStars(int line, String token) {
        for (String part : token.split("@", -1)) {
            if (part.endsWith("**")) {
                error(line, "\"" + token + "\": a pattern ending in \"**\" needs at least one more byte in libwrap"
                        + " (\"ssh**\" does not match \"ssh\"); write \"*\" for anything, or \"?*\" for at least"
                        + " one byte");
                return;
            }
        }
    }

    private void masked(int line, HostPattern.Masked m) {
        String t = m.text();
        int slash = CText.splitAt(t, 0, '/');
        String net = t.substring(0, slash);
        String mask = t.substring(slash + 1);
        if (net.startsWith("[")) {
            if (net.indexOf('%') >= 0) {
                zone(line, t);
            } else if (m.net6() == null) {
                error(line, "\"" + t + "\": " + net + " is not an IPv6 address; the pattern matches nothing");
            } else if (!mask.matches("[0-9]{1,3}") || Integer.parseInt(mask) > 128) {
                error(line, "\"" + t + "\": the prefix length must be a number from 0 to 128 (libwrap reads \""
                        + mask + "\" as " + CText.atoi(mask) + (CText.atoi(mask) == 0 ? ", which matches every IPv6 client" : "")
                        + ")");
            } else if (isMapped(m.net6())) {
                error(line, "\"" + t + "\" never matches: libwrap compares mapped clients as IPv4; write an IPv4 net/mask");
            }
            return;
        }
        if (m.net4() == CText.INADDR_NONE) {
            error(line, "\"" + t + "\": the net must be a full dotted address (a.b.c.d); the pattern matches nothing");
            return;
        }
        octal(line, net);
        boolean dotted = CText.dotQuadAddr(mask) != CText.INADDR_NONE;
        if (!dotted && mask.equals("255.255.255.255")) {
            error(line, "\"" + t + "\" never matches: 255.255.255.255 is inet_addr's error value; write " + net + "/32");
            return;
        }
        if (!m.valid4()) {
            error(line, "\"" + t + "\": the mask must be a dotted mask or a length from 1 to 32; the pattern matches nothing");
            return;
        }
        if (dotted) {
            octal(line, mask);
            long inverted = ~m.mask4() & 0xFFFF_FFFFL;
            if ((inverted & (inverted + 1)) != 0) {
                error(line, "\"" + t + "\": the mask is not contiguous and matches an odd set of addresses; write a"
                        + " prefix length");
            }
        } else if (!mask.matches("[1-9][0-9]?")) {
            error(line, "\"" + t + "\": write the prefix length as a plain number (libwrap reads \"" + mask + "\" as "
                    + CText.atoi(mask) + ")");
        }
        if ((m.net4() & m.mask4()) != m.net4()) {
            long network = m.net4() & m.mask4();
            error(line, "\"" + t + "\" never matches, not even " + net + ": the net has host bits set; write "
                    + dottedQuad(network) + "/" + mask);
        }
    }

    private static String dottedQuad(long a) {
        return ((a >> 24) & 0xFF) + "." + ((a >> 16) & 0xFF) + "." + ((a >> 8) & 0xFF) + "." + (a & 0xFF);
    }

    private void bareIpv6(int line, String text, int listsEnd) {
        int depth = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
            if (depth == 0 && (CText.hexValue(c) >= 0 || c == ':') && (i == 0 || !isWordByte(text.charAt(i - 1)))) {
                int end = i;
                while (end < text.length() && (CText.hexValue(text.charAt(end)) >= 0 || ":./".indexOf(text.charAt(end)) >= 0)) {
                    end++;
                }
                String run = text.substring(i, end); // hex digits, ':', '.' and '/' only: no %zone
                int slash = run.indexOf('/');
                String address = slash >= 0 ? run.substring(0, slash) : run;
                if (i < listsEnd && address.indexOf(':') >= 0 && address.indexOf(':') != address.lastIndexOf(':')
                        && CText.parseIpv6(address, InterfaceNames.NONE) != null && (end == text.length() || !isWordByte(text.charAt(end)))) {
                    error(line, "bare IPv6 address \"" + run + "\": libwrap cuts the rule at its first \":\"; write ["
                            + address + "]" + (slash >= 0 ? run.substring(slash) : ""));
                    return;
                }
                i = Math.max(end, i + 1);
                continue;
            }
            i++;
        }
    }

    private static boolean isWordByte(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '@' || c == '[';
    }

    private void options(int line, String optionText, List<OptionStep> steps) {
        for (String field : OptionParser.fields(optionText)) {
            String chopped = OptionParser.chop(field);
            if (chopped.startsWith("#") || chopped.contains(" #") || chopped.contains("\t#")) {
                error(line, "\"#\" in the options is not a comment: libwrap reads it as option text; comments"
                        + " start only in column 1");
                break;
            }
        }
        for (OptionStep step : steps) {
            if (step instanceof OptionStep.Rejected r) {
                if (r.message().equals("missing option name") && OptionParser.chop(optionText).isEmpty()) {
                    error(line, "rule ends in \":\": libwrap reads an empty option and denies every client this rule"
                            + " matches, even in hosts.allow; remove the trailing colon");
                } else {
                    error(line, r.message() + ": libwrap denies every client this rule matches");
                }
                continue;
            }
            OptionStep.Run run = (OptionStep.Run) step;
            if (run.failure().isPresent()) {
                error(line, run.failure().get() + ": libwrap denies every client this rule matches");
                continue;
            }
            String value = run.value().orElse("");
            if (run.kind().expanded()) {
                unknownExpansions(line, value);
            }
            if (run.kind() == OptionKind.SETENV && value.indexOf('%') < 0) {
                String name = value.split("[ \t\r\n]", 2)[0];
                if (name.indexOf('=') >= 0) {
                    error(line, "setenv " + value + ": the name contains \"=\", setenv fails and libwrap denies; write"
                            + " setenv NAME value");
                }
            }
            if (run.kind() == OptionKind.USER || run.kind() == OptionKind.GROUP) {
                warning(line, run.kind().keyword() + " cannot change the identity of a JVM; the option only checks"
                        + " that the name exists");
            }
        }
    }

    private void unknownExpansions(int line, String value) {
        for (int i = 0; i + 1 < value.length(); i++) {
            if (value.charAt(i) == '%') {
                char c = value.charAt(i + 1);
                if (c >= 0x80) {
                    error(line, "\"%\" before a non-ASCII character: libwrap takes the character's first byte as the"
                            + " letter (unknown: it warns and expands it to nothing) and keeps the other bytes, which"
                            + " are not valid text; write %% for a percent sign");
                } else if ("aAcdhHnNprRsu%".indexOf(c) < 0) {
                    error(line, "unrecognized %" + c + ": libwrap warns and expands it to nothing; use one of"
                            + " %a %A %c %d %h %H %n %N %p %r %R %s %u %%");
                }
                i++;
            }
        }
    }
}
