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
    static final int YES = 1;
    static final int NO = 0;
    static final int NEED = -3;
    private static final int ERR = -2;

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
            int at = scan(table);
            if (at == NEED) {
                return need;
            }
            if (at == ERR) {
                if (t == 1) {
                    return decided(false, null);
                }
                continue;
            }
            if (at < 0) {
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
            int verdict = options(ruleOptions.get());
            if (verdict == NEED) {
                return need;
            }
            if (verdict == YES || verdict == NO) {
                return decided(verdict == YES, where);
            }
            if (verdict == DISCARDED) {
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
        return plainDecision(false, Optional.empty());
    }

    /** A decision with nothing but a verdict and the rule that made it (if any). */
    static Decision plainDecision(boolean granted, Optional<RuleLocation> where) {
        return new Decision(granted, where, List.of(), Optional.empty(), Optional.empty(), List.of(),
                OptionalInt.empty(), false, OptionalInt.empty(), List.of());
    }

    private Decision decision(boolean granted, RuleLocation where) {
        return new Decision(granted, Optional.ofNullable(where), applied == null ? List.of() : applied,
                banner == null ? Optional.empty() : Optional.of(text(banner.toString())),
                Optional.ofNullable(twist), spawns == null ? List.of() : spawns, severity, keepalive, linger,
                diagnostics == null ? List.of() : diagnostics);
    }


    // ---- table_match --------------------------------------------------------------------

    private int scan(CompiledTable table) {
        RuleTable source = table.table;
        if (source.unreadable().isPresent()) {
            diagnostic(Diagnostic.Level.WARNING, null, 0,
                    "cannot open " + source.path() + ": " + source.unreadable().get());
            return ERR;
        }
        tablePath = source.path();
        for (CompiledTable.Part part : table.parts) {
            int at = scan(part);
            if (at != NO_MATCH) {
                return at;
            }
        }
        return NO_MATCH;
    }

    /**
     * Scans one segment: its scanned entries, its indexed rules and its compact lines naming
     * the client, merged by position. Returns {@link #MATCHED} (with {@link #hitPart} and
     * {@link #hitLocal} set), NEED, ERR or {@link #NO_MATCH}.
     */
    private int scan(CompiledTable.Part part) {
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
                int m = matchList(segment.shape(at).daemons(), true);
                if (m == NEED) {
                    return NEED;
                }
                if (m == YES) {
                    return hit(part, at);
                }
                continue;
            }
            at = next < other ? scanned[a++] : indexed[b++];
            RuleTable.Entry entry = segment.entry(at);
            tableLine = entry.line();
            if (entry instanceof RuleTable.RuleEntry r) {
                int m = matchList(r.rule().daemons(), true);
                if (m == YES) {
                    m = matchList(r.rule().clients(), false);
                }
                if (m == NEED) {
                    return NEED;
                }
                if (m == YES) {
                    return hit(part, at);
                }
            } else if (entry instanceof RuleTable.Skipped s) {
                warn(s.message());
            } else {
                warn("missing newline or line too long");
                warn("all the subsequent rules will be ignored");
                return ERR;
            }
        }
        return NO_MATCH;
    }

    private static final int NO_MATCH = -1;
    private static final int MATCHED = 0;
    private CompiledTable.Part hitPart;
    private int hitLocal;

    private int hit(CompiledTable.Part part, int local) {
        hitPart = part;
        hitLocal = local;
        return MATCHED;
    }

    // ---- list_match ---------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private int matchList(PatternList<?> list, boolean daemons) {
        List<? extends List<?>> segments = list.segments();
        int last = segments.size() - 1;
        int i = 0;
        boolean result;
        while (true) {
            int m = daemons
                    ? matchDaemons((List<DaemonPattern>) segments.get(i))
                    : matchClients((List<ClientPattern>) segments.get(i));
            if (m == NEED) {
                return NEED;
            }
            if (m == NO) {
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
        return (result ^ (i % 2 == 1)) ? YES : NO;
    }

    private int matchDaemons(List<DaemonPattern> patterns) {
        for (int i = 0, n = patterns.size(); i < n; i++) {
            int m = daemon(patterns.get(i));
            if (m != NO) {
                return m;
            }
        }
        return NO;
    }

    private int matchClients(List<ClientPattern> patterns) {
        for (int i = 0, n = patterns.size(); i < n; i++) {
            int m = client(patterns.get(i));
            if (m != NO) {
                return m;
            }
        }
        return NO;
    }

    // ---- server_match / client_match / host_match ----------------------------------------

    private int daemon(DaemonPattern p) {
        if (p instanceof DaemonPattern.Name n) {
            return n.pattern().matches(daemon) ? YES : NO;
        }
        if (p instanceof DaemonPattern.Port port) {
            return facts.serverPort >= 0 && facts.serverPort == port.port() ? YES : NO;
        }
        DaemonPattern.AtServer at = (DaemonPattern.AtServer) p;
        int m = daemon(at.daemon());
        return m == YES ? host(at.server(), false) : m;
    }

    private int client(ClientPattern p) {
        if (p instanceof ClientPattern.Host h) {
            return host(h.host(), true);
        }
        ClientPattern.UserAtHost u = (ClientPattern.UserAtHost) p;
        int m = host(u.host(), true);
        if (m != YES) {
            return m;
        }
        String user = user();
        if (user == null) {
            return NEED;
        }
        return u.user().matches(user) ? YES : NO;
    }

    private int host(HostPattern p, boolean client) {
        String address = client ? facts.clientAddress : facts.serverAddress;
        if (p instanceof HostPattern.AddressOrName s) {
            if (s.pattern().matches(address)) {
                return YES;
            }
            if (!s.triesName()) {
                return NO;
            }
            String name = name(client);
            return name == null ? NEED : s.pattern().matches(name) ? YES : NO;
        }
        if (p instanceof HostPattern.Masked m) {
            return m.contains(address) ? YES : NO;
        }
        if (p instanceof HostPattern.Known) {
            String name = name(client);
            if (name == null) {
                return NEED;
            }
            return !CText.equalsIgnoreCase(address, "unknown") && nameKnown(name) ? YES : NO;
        }
        if (p instanceof HostPattern.Local) {
            String name = name(client);
            if (name == null) {
                return NEED;
            }
            return name.indexOf('.') < 0 && nameKnown(name) ? YES : NO;
        }
        if (p instanceof HostPattern.Netgroup g) {
            String name = name(client);
            if (name == null) {
                return NEED;
            }
            return rules.netgroups.contains(text(g.group()), text(name)) ? YES : NO;
        }
        if (p instanceof HostPattern.FileList f) {
            return hostList(f.list(), client);
        }
        return NO; // Never
    }

    private int hostList(HostPattern.HostList list, boolean client) {
        if (list instanceof HostPattern.HostList.Loaded loaded) {
            for (HostPattern inner : loaded.patterns()) {
                int m = host(inner, client);
                if (m != NO) {
                    return m;
                }
            }
        } else if (list instanceof HostPattern.HostList.Bound bound) {
            return bound.members().contains(client ? facts.clientAddress : facts.serverAddress) ? YES : NO;
        } else if (list instanceof HostPattern.HostList.Unreadable u) {
            warn("open " + u.path() + ": " + u.reason());
        }
        return NO;
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

    private static final int DISCARDED = -4;
    private static final int TABLE = -5;

    private int options(List<OptionStep> steps) {
        optionsRan = true;
        for (OptionStep step : steps) {
            if (step instanceof OptionStep.Rejected r) {
                error(r.message());
                return NO;
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
                    return NEED;
                }
                value = chop(value);
            }
            if (applied == null) {
                applied = new ArrayList<>(steps.size());
            }
            applied.add(new AppliedOption(text(run.name()), text(value)));
            if (run.failure().isPresent()) {
                error(run.failure().get());
                return NO;
            }
            switch (run.kind()) {
                case ALLOW:
                    return YES;
                case DENY:
                    return NO;
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
                        return NEED;
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
                        return NO;
                    }
                    break;
                case BANNERS:
                    int b = banner(run.value().get());
                    if (b != TABLE) {
                        return b;
                    }
                    break;
                case ACLEXEC:
                    if (facts.runsAclexec) {
                        Command aclexec = command(value);
                        Integer status = facts.aclexecResult(aclexec.commandLine());
                        if (status == null) {
                            need = new Outcome.NeedsAclexec(aclexec);
                            return NEED;
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
        return aclexecFailed ? DISCARDED : TABLE;
    }

    private boolean aclexecFailed;

    private int overflow(Expander.Overflow overflow) {
        String head = overflow.soFar.length() > 30 ? overflow.soFar.substring(0, 30) : overflow.soFar;
        // libwrap logs this, sleeps 5 s and exits the process; we deny (our one deviation).
        diagnostic(Diagnostic.Level.FATAL, tablePath, tableLine, "percent_x: expansion too long: " + head + "...");
        return NO;
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

    private int banner(String directory) {
        BannerSource.Banner file = rules.banners.banner(directory, daemon);
        if (file instanceof BannerSource.NoDirectory missing) {
            warn(directory + ": " + missing.reason());
            return TABLE;
        }
        if (file instanceof BannerSource.TooLarge tooLarge) {
            warn(tooLarge.message());
            return TABLE;
        }
        if (!(file instanceof BannerSource.Text content)) {
            return TABLE;
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
                return NEED;
            }
            out.append(expanded);
        }
        if (out.length() > 0) {
            banner = out; // libwrap writes nothing for an empty file
        }
        return TABLE;
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
