/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.evaluation;

import io.github.tcpwrappers.language.CText;
import io.github.tcpwrappers.language.ClientPattern;
import io.github.tcpwrappers.language.DaemonPattern;
import io.github.tcpwrappers.language.HostPattern;
import io.github.tcpwrappers.language.OptionParser;
import io.github.tcpwrappers.language.OptionStep;
import io.github.tcpwrappers.language.PatternList;
import io.github.tcpwrappers.language.RuleTable;
import io.github.tcpwrappers.language.TableEntries;
import io.github.tcpwrappers.text.ByteText;
import io.github.tcpwrappers.value.AppliedOption;
import io.github.tcpwrappers.value.Command;
import io.github.tcpwrappers.value.Decision;
import io.github.tcpwrappers.value.Diagnostic;
import io.github.tcpwrappers.value.RuleLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One attempt at deciding a request against a rule set: libwrap's hosts_access, table_match,
 * list_match and process_options, without I/O. When a reached pattern or expansion needs a name,
 * a user or an aclexec exit status that the facts do not hold yet, the attempt stops and says
 * so; the caller finds it out and starts a new attempt.
 */
final class Evaluation {
    /**
     * What a step of the walk found, as libwrap's match functions answer (YES, NO, and its
     * {@code -1} for an unreadable table as ERR), plus this walk's own answers: a fact is
     * needed first, the table scan found nothing or a rule, and how a rule's options ended.
     */
    private enum Step {
        /** The pattern, list or option granted. */
        YES,
        /** It did not match, or the option denied. */
        NO,
        /** A fact the request does not hold yet is needed: {@link #need} says which. */
        NEED,
        /** The table could not be read or is cut short: libwrap's error path. */
        ERR,
        /** The table has no matching rule. */
        NO_MATCH,
        /** A rule matched: {@link #hitPart} and {@link #hitLocal} say which. */
        MATCHED,
        /** An aclexec failed: the match is void and the table is over. */
        DISCARDED,
        /** The options ran without a verdict of their own: the table's verdict stands. */
        TABLE
    }

    private static final int DEFAULT_IDENT_TIMEOUT = 10;

    final RuleSet rules;
    final Facts facts;
    private Outcome need;
    private List<Diagnostic> diagnostics;
    private String tablePath;
    private int tableLine;

    // What the matched rule's options did so far.
    private List<AppliedOption> applied;
    /** Set once any rule's options ran: a void aclexec match leaves its effects for the next rule. */
    private boolean optionsRan;
    private List<Command> spawns;
    private Command twist;
    private Map<String, String> environment;
    private int niceness;
    private OptionalInt umask = OptionalInt.empty();
    private OptionalInt severity = OptionalInt.empty();
    private boolean keepalive;
    private OptionalInt linger = OptionalInt.empty();
    private StringBuilder banner;
    private int identTimeout = DEFAULT_IDENT_TIMEOUT;

    /**
     * The request's daemon string as libwrap holds it: percent_x sanitises an expanded %d in
     * place, so a later {@code banners} option (and any later match) sees {@code in_ftpd} for
     * {@code in ftpd}.
     */
    private String daemon;

    Evaluation(RuleSet rules, Facts facts) {
        this.rules = rules;
        this.facts = facts;
        this.daemon = facts.daemon;
    }

    String daemon() {
        return daemon;
    }

    /** The daemon string handed to percent_x, which rewrites its unsafe bytes in place. */
    String daemonInPlace() {
        daemon = Expander.sanitize(daemon);
        return daemon;
    }

    static boolean nameKnown(String name) {
        return !CText.equalsIgnoreCase(name, "unknown") && !CText.equalsIgnoreCase(name, "paranoid");
    }

    // ---- hosts_access -------------------------------------------------------------------

    Outcome run() {
        CompiledTable[] tables = {rules.allow, rules.deny};
        for (int t = 0; t < 2; t++) {
            CompiledTable table = tables[t];
            Step at = scan(table);
            if (at == Step.NEED) {
                return need;
            }
            if (at == Step.ERR) {
                if (t == 1) {
                    return decided(false, null);
                }
                continue;
            }
            if (at == Step.NO_MATCH) {
                if (t == 1) {
                    return decided(true, null);
                }
                continue;
            }
            CompiledTable.Part part = hitPart;
            int local = hitLocal;
            Optional<List<OptionStep>> ruleOptions = part.options(local);
            tablePath = table.table.path();
            tableLine = part.line(local);
            if (ruleOptions.isEmpty() && diagnostics == null && !optionsRan) {
                return table.plainOutcome(part, local, t == 0);
            }
            RuleLocation where = new RuleLocation(table.table.path(), tableLine);
            if (ruleOptions.isEmpty()) {
                return decided(t == 0, where);
            }
            Step verdict = options(ruleOptions.get());
            if (verdict == Step.NEED) {
                return need;
            }
            if (verdict == Step.YES || verdict == Step.NO) {
                return decided(verdict == Step.YES, where);
            }
            if (verdict == Step.DISCARDED) {
                // aclexec failed: the match is void and this table is over.
                if (t == 1) {
                    return decided(true, null);
                }
                continue;
            }
            return decided(t == 0, where);
        }
        return decided(true, null);
    }

    private Outcome decided(boolean granted, RuleLocation where) {
        if (where == null && diagnostics == null && applied == null) {
            return granted ? Outcome.DEFAULT_GRANT : new Outcome.Decided(denyWithoutRule());
        }
        return new Outcome.Decided(decision(granted, where));
    }

    private static Decision denyWithoutRule() {
        return Decision.plain(false, Optional.empty());
    }

    private Decision decision(boolean granted, RuleLocation where) {
        return new Decision(granted, Optional.ofNullable(where), applied == null ? List.of() : applied,
                banner == null ? Optional.empty() : Optional.of(text(banner.toString())),
                Optional.ofNullable(twist), spawns == null ? List.of() : spawns, severity, keepalive, linger,
                diagnostics == null ? List.of() : diagnostics);
    }


    // ---- table_match --------------------------------------------------------------------

    private Step scan(CompiledTable table) {
        RuleTable source = table.table;
        if (source.unreadable().isPresent()) {
            diagnostic(Diagnostic.Level.WARNING, null, 0,
                    "cannot open " + source.path() + ": " + source.unreadable().get());
            return Step.ERR;
        }
        tablePath = source.path();
        for (CompiledTable.Part part : table.parts) {
            Step at = scan(part);
            if (at != Step.NO_MATCH) {
                return at;
            }
        }
        return Step.NO_MATCH;
    }

    /**
     * Scans one segment: its scanned entries, its indexed rules and its compact lines naming
     * the client, merged by position. Returns MATCHED (with {@link #hitPart} and
     * {@link #hitLocal} set), NEED, ERR or NO_MATCH.
     */
    private Step scan(CompiledTable.Part part) {
        TableEntries.Segment segment = part.segment;
        int[] scanned = part.scanned;
        int[] indexed = part.candidates(facts.clientAddress);
        int compact = part.firstCompact(facts.clientIpv4);
        int a = 0;
        int b = 0;
        while (a < scanned.length || b < indexed.length || compact >= 0) {
            int next = a < scanned.length ? scanned[a] : Integer.MAX_VALUE;
            int other = b < indexed.length ? indexed[b] : Integer.MAX_VALUE;
            int at;
            if (compact >= 0 && compact < next && compact < other) {
                at = compact;
                compact = segment.nextWithSame(compact);
                tableLine = segment.line(at);
                // Found by its address, so its client list matches: only the daemons are left.
                Step m = matchList(segment.shape(at).daemons(), true);
                if (m == Step.NEED) {
                    return Step.NEED;
                }
                if (m == Step.YES) {
                    return hit(part, at);
                }
                continue;
            }
            at = next < other ? scanned[a++] : indexed[b++];
            RuleTable.Entry entry = segment.entry(at);
            tableLine = entry.line();
            if (entry instanceof RuleTable.RuleEntry r) {
                Step m = matchList(r.rule().daemons(), true);
                if (m == Step.YES) {
                    m = matchList(r.rule().clients(), false);
                }
                if (m == Step.NEED) {
                    return Step.NEED;
                }
                if (m == Step.YES) {
                    return hit(part, at);
                }
            } else if (entry instanceof RuleTable.Skipped s) {
                warn(s.message());
            } else {
                warn("missing newline or line too long");
                warn("all the subsequent rules will be ignored");
                return Step.ERR;
            }
        }
        return Step.NO_MATCH;
    }

    private CompiledTable.Part hitPart;
    private int hitLocal;

    private Step hit(CompiledTable.Part part, int local) {
        hitPart = part;
        hitLocal = local;
        return Step.MATCHED;
    }

    // ---- list_match ---------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private Step matchList(PatternList<?> list, boolean daemons) {
        List<? extends List<?>> segments = list.segments();
        int last = segments.size() - 1;
        int i = 0;
        boolean result;
        while (true) {
            Step m = daemons
                    ? matchDaemons((List<DaemonPattern>) segments.get(i))
                    : matchClients((List<ClientPattern>) segments.get(i));
            if (m == Step.NEED) {
                return Step.NEED;
            }
            if (m == Step.NO) {
                result = false;
                break;
            }
            if (i == last) {
                result = true;
                break;
            }
            i++;
        }
        // A EXCEPT B EXCEPT C = A and not (B and not C): each level inverts the one inside it.
        return (result ^ (i % 2 == 1)) ? Step.YES : Step.NO;
    }

    private Step matchDaemons(List<DaemonPattern> patterns) {
        for (int i = 0, n = patterns.size(); i < n; i++) {
            Step m = daemon(patterns.get(i));
            if (m != Step.NO) {
                return m;
            }
        }
        return Step.NO;
    }

    private Step matchClients(List<ClientPattern> patterns) {
        for (int i = 0, n = patterns.size(); i < n; i++) {
            Step m = client(patterns.get(i));
            if (m != Step.NO) {
                return m;
            }
        }
        return Step.NO;
    }

    // ---- server_match / client_match / host_match ----------------------------------------

    private Step daemon(DaemonPattern p) {
        if (p instanceof DaemonPattern.Name n) {
            return n.pattern().matches(daemon) ? Step.YES : Step.NO;
        }
        if (p instanceof DaemonPattern.Port port) {
            return facts.serverPort >= 0 && facts.serverPort == port.port() ? Step.YES : Step.NO;
        }
        DaemonPattern.AtServer at = (DaemonPattern.AtServer) p;
        Step m = daemon(at.daemon());
        return m == Step.YES ? host(at.server(), false) : m;
    }

    private Step client(ClientPattern p) {
        if (p instanceof ClientPattern.Host h) {
            return host(h.host(), true);
        }
        ClientPattern.UserAtHost u = (ClientPattern.UserAtHost) p;
        Step m = host(u.host(), true);
        if (m != Step.YES) {
            return m;
        }
        String user = user();
        if (user == null) {
            return Step.NEED;
        }
        return u.user().matches(user) ? Step.YES : Step.NO;
    }

    private Step host(HostPattern p, boolean client) {
        String address = client ? facts.clientAddress : facts.serverAddress;
        if (p instanceof HostPattern.AddressOrName s) {
            if (s.pattern().matches(address)) {
                return Step.YES;
            }
            if (!s.triesName()) {
                return Step.NO;
            }
            String name = name(client);
            return name == null ? Step.NEED : s.pattern().matches(name) ? Step.YES : Step.NO;
        }
        if (p instanceof HostPattern.Masked m) {
            return m.contains(address) ? Step.YES : Step.NO;
        }
        if (p instanceof HostPattern.Known) {
            String name = name(client);
            if (name == null) {
                return Step.NEED;
            }
            return !CText.equalsIgnoreCase(address, "unknown") && nameKnown(name) ? Step.YES : Step.NO;
        }
        if (p instanceof HostPattern.Local) {
            String name = name(client);
            if (name == null) {
                return Step.NEED;
            }
            return name.indexOf('.') < 0 && nameKnown(name) ? Step.YES : Step.NO;
        }
        if (p instanceof HostPattern.Netgroup g) {
            String name = name(client);
            if (name == null) {
                return Step.NEED;
            }
            return rules.netgroups.contains(text(g.group()), text(name)) ? Step.YES : Step.NO;
        }
        if (p instanceof HostPattern.FileList f) {
            return hostList(f.list(), client);
        }
        return Step.NO; // Never
    }

    private Step hostList(HostPattern.HostList list, boolean client) {
        if (list instanceof HostPattern.HostList.Loaded loaded) {
            for (HostPattern inner : loaded.patterns()) {
                Step m = host(inner, client);
                if (m != Step.NO) {
                    return m;
                }
            }
        } else if (list instanceof HostPattern.HostList.Bound bound) {
            return bound.members().contains(client ? facts.clientAddress : facts.serverAddress) ? Step.YES : Step.NO;
        } else if (list instanceof HostPattern.HostList.Unreadable u) {
            warn("open " + u.path() + ": " + u.reason());
        }
        return Step.NO;
    }

    // ---- lookups ------------------------------------------------------------------------

    String clientName() {
        return name(true);
    }

    String serverName() {
        return name(false);
    }

    private String name(boolean client) {
        String name = client ? facts.clientName : facts.serverName;
        if (name == null && need == null) {
            need = client ? Outcome.NEEDS_CLIENT_NAME : Outcome.NEEDS_SERVER_NAME;
        }
        return name;
    }

    String user() {
        String user = facts.user;
        if (user == null && need == null) {
            need = new Outcome.NeedsUser(identTimeout);
        }
        return user;
    }

    // ---- process_options ------------------------------------------------------------------


    private Step options(List<OptionStep> steps) {
        optionsRan = true;
        for (OptionStep step : steps) {
            if (step instanceof OptionStep.Rejected r) {
                error(r.message());
                return Step.NO;
            }
            OptionStep.Run run = (OptionStep.Run) step;
            String value = run.value().orElse("");
            if (run.value().isPresent() && run.kind().expanded()) {
                try {
                    value = Expander.expand(value, this, Expander.OPTION_BUFFER);
                } catch (Expander.Overflow overflow) {
                    return overflow(overflow);
                }
                if (value == null) {
                    return Step.NEED;
                }
                value = chop(value);
            }
            if (applied == null) {
                applied = new ArrayList<>(steps.size());
            }
            applied.add(new AppliedOption(text(run.name()), text(value)));
            if (run.failure().isPresent()) {
                error(run.failure().get());
                return Step.NO;
            }
            switch (run.kind()) {
                case ALLOW:
                    return Step.YES;
                case DENY:
                    return Step.NO;
                case KEEPALIVE:
                    keepalive = true;
                    break;
                case LINGER:
                    linger = OptionalInt.of(run.number());
                    break;
                case UMASK:
                    umask = OptionalInt.of(run.number());
                    break;
                case NICE:
                    niceness += run.number();
                    break;
                case SEVERITY:
                    severity = OptionalInt.of(run.number());
                    break;
                case RFC931:
                    if (run.number() > 0) {
                        identTimeout = run.number();
                    }
                    if (user() == null) {
                        return Step.NEED;
                    }
                    break;
                case SPAWN:
                    if (spawns == null) {
                        spawns = new ArrayList<>(2);
                    }
                    spawns.add(command(value));
                    break;
                case TWIST:
                    twist = command(value);
                    break;
                case SETENV:
                    if (!setenv(value)) {
                        error("memory allocation failure");
                        return Step.NO;
                    }
                    break;
                case BANNERS:
                    Step b = banner(run.value().get());
                    if (b != Step.TABLE) {
                        return b;
                    }
                    break;
                case ACLEXEC:
                    if (facts.runsAclexec) {
                        Command aclexec = command(value);
                        Integer status = facts.aclexecResult(aclexec.commandLine());
                        if (status == null) {
                            need = new Outcome.NeedsAclexec(aclexec);
                            return Step.NEED;
                        }
                        if (status != 0) {
                            aclexecFailed = true;
                        }
                    }
                    break;
                default:
                    break; // user, group: checked above; nothing a JVM can do
            }
        }
        return aclexecFailed ? Step.DISCARDED : Step.TABLE;
    }

    private boolean aclexecFailed;

    private Step overflow(Expander.Overflow overflow) {
        String head = overflow.soFar.length() > 30 ? overflow.soFar.substring(0, 30) : overflow.soFar;
        // libwrap logs this, sleeps 5 s and exits the process; we deny (our one deviation).
        diagnostic(Diagnostic.Level.FATAL, tablePath, tableLine, "percent_x: expansion too long: " + head + "...");
        return Step.NO;
    }

    private boolean setenv(String value) {
        int i = 0;
        while (i < value.length() && " \t\r\n".indexOf(value.charAt(i)) < 0) {
            i++;
        }
        String name = chop(value.substring(0, i));
        String content = i < value.length() ? chop(value.substring(i + 1)) : "";
        if (name.isEmpty() || name.indexOf('=') >= 0) {
            return false;
        }
        if (environment == null) {
            environment = new LinkedHashMap<>();
        }
        environment.put(text(name), text(content));
        return true;
    }

    private Command command(String latin1) {
        return new Command(text(latin1), environment == null ? Map.of() : environment, niceness, umask);
    }

    private Step banner(String directory) {
        BannerSource.Banner file = rules.banners.banner(directory, daemon);
        if (file instanceof BannerSource.NoDirectory missing) {
            warn(directory + ": " + missing.reason());
            return Step.TABLE;
        }
        if (file instanceof BannerSource.TooLarge tooLarge) {
            warn(tooLarge.message());
            return Step.TABLE;
        }
        if (!(file instanceof BannerSource.Text content)) {
            return Step.TABLE;
        }
        String data = content.latin1();
        StringBuilder out = banner == null ? new StringBuilder() : banner;
        int i = 0;
        while (i < data.length() && data.charAt(i) == '\0') {
            out.append('\0');
            i++;
        }
        while (i < data.length()) {
            int end = i;
            int limit = Math.min(data.length(), i + 8190);
            while (end < limit) {
                if (data.charAt(end++) == '\n') {
                    break;
                }
            }
            String piece = data.substring(i, end);
            i = end;
            int nul = piece.indexOf('\0');
            if (nul >= 0) {
                piece = piece.substring(0, nul);
            }
            int newline = CText.splitAt(piece, 0, '\n');
            if (newline >= 0) {
                piece = piece.substring(0, newline) + "\r\n";
            }
            String expanded;
            try {
                expanded = Expander.expand(piece, this, Expander.BANNER_BUFFER);
            } catch (Expander.Overflow overflow) {
                return overflow(overflow);
            }
            if (expanded == null) {
                return Step.NEED;
            }
            out.append(expanded);
        }
        if (out.length() > 0) {
            banner = out; // libwrap writes nothing for an empty file
        }
        return Step.TABLE;
    }

    private static String chop(String s) {
        return OptionParser.chop(s);
    }

    // ---- diagnostics ----------------------------------------------------------------------

    void warn(String message) {
        diagnostic(Diagnostic.Level.WARNING, tablePath, tableLine, message);
    }

    private void error(String message) {
        diagnostic(Diagnostic.Level.ERROR, tablePath, tableLine, message);
    }

    private void diagnostic(Diagnostic.Level level, String path, int line, String message) {
        if (diagnostics == null) {
            diagnostics = new ArrayList<>(2);
        }
        diagnostics.add(path == null
                ? new Diagnostic(level, Optional.empty(), text(message))
                : Diagnostic.at(level, path, line, text(message)));
    }

    /** Byte string to Java text (the bytes are UTF-8 where they are text at all). */
    static String text(String latin1) {
        return ByteText.toText(latin1);
    }
}
