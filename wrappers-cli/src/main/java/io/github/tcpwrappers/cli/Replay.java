/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.cli;

import io.github.tcpwrappers.evaluation.Facts;
import io.github.tcpwrappers.evaluation.Outcome;
import io.github.tcpwrappers.evaluation.RuleSet;
import io.github.tcpwrappers.value.Decision;
import io.github.tcpwrappers.value.RuleLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code tcpdmatch --replay}: reads the decision lines the engine logged, decides each recorded
 * connection again against the given tables, and reports those whose verdict would change.
 *
 * <p>A line is a decision line when it carries the engine's key-values ({@code daemon=},
 * {@code address=}, {@code verdict=}, {@code rule=}; bare or double-quoted, as slf4j-simple,
 * logback's {@code %kvp} and JSON-ish encoders print them), or when it is tcpd's own syslog
 * form, {@code sshd[123]: refused connect from 192.0.2.7} / {@code connect from ...} (then the
 * verdict is in the words, the client must be an address, and no rule is known). Every other
 * line (startup, reload, shadow, diagnostics) is skipped and counted.
 *
 * <p>The log holds what the client was known as, not a fresh lookup: a name or user in
 * {@code client=} ({@code user@host}) is used as given, and a connection whose new rules need a
 * name, user or server the log does not hold is reported as undecided rather than guessed.
 * The server's address is not logged: server patterns see {@code unknown}.
 */
final class Replay {
    /** A connection as its decision line recorded it. */
    record Logged(long line, String daemon, String address, Optional<String> name, Optional<String> user,
            boolean granted, Optional<String> rule) {
    }

    /** One connection whose verdict changes. */
    record Change(Logged logged, boolean granted, Optional<RuleLocation> rule) {
    }

    private static final String PID = Long.toString(ProcessHandle.current().pid());
    /** " key=" for the keys read from every line, made once. */
    private static final Map<String, String> NEEDLES = Map.of("daemon", " daemon=", "client", " client=",
            "address", " address=", "verdict", " verdict=", "rule", " rule=");

    private final RuleSet rules;
    private final int maxExamples;
    long lines;
    long connections;
    long undecided;
    long changed;
    long newlyDenied;
    final Map<String, long[]> byRule = new LinkedHashMap<>();
    final List<Change> examples = new ArrayList<>();
    /** The most connections {@link #decision} remembers; past them a new connection is decided each time. */
    private static final int MAX_REMEMBERED = 1_000_000;
    /** Verdicts already made for a connection seen before: key (see {@link #decision}) → decision. */
    private final Map<String, Optional<Decision>> memo = new HashMap<>();

    Replay(RuleSet rules, int maxExamples) {
        this.rules = rules;
        this.maxExamples = maxExamples;
    }

    /** Reads the whole log (ISO-8859-1: the engine's lines are bytes, each kept as one char). */
    void read(Path log) throws IOException {
        try (InputStream in = Files.newInputStream(log)) {
            LatinLines text = new LatinLines(in, 1 << 16);
            for (Optional<String> line = text.next(); line.isPresent(); line = text.next()) {
                lines++;
                parse(lines, line.get()).ifPresent(this::replay);
            }
        }
    }

    private void replay(Logged logged) {
        connections++;
        Optional<Decision> decision = decision(logged);
        if (decision.isEmpty()) {
            undecided++;
            return;
        }
        Decision now = decision.get();
        if (now.granted() == logged.granted()) {
            return;
        }
        changed++;
        if (!now.granted()) {
            newlyDenied++;
        }
        String rule = now.rule().map(RuleLocation::toString).orElse("no rule");
        byRule.computeIfAbsent(rule + (now.granted() ? " granted" : " denied"), k -> new long[1])[0]++;
        if (examples.size() < maxExamples) {
            examples.add(new Change(logged, now.granted(), now.rule()));
        }
    }

    /**
     * The decision for a connection, made once for each daemon, address, name and user: a log
     * repeats its clients, and the same facts under the same tables decide the same.
     */
    private Optional<Decision> decision(Logged logged) {
        if (!keyable(logged)) {
            return decide(logged);
        }
        // One string holds the whole key, so a lookup follows the map's node, the key and its bytes
        // (a record of four fields was a chain of cache misses per line, most of the replay's time).
        String key = logged.daemon() + '\n' + logged.address() + '\n' + logged.name().map(n -> '+' + n).orElse("-")
                + '\n' + logged.user().map(u -> '+' + u).orElse("-");
        Optional<Decision> known = memo.get(key);
        if (known == null) {
            known = decide(logged);
            if (memo.size() < MAX_REMEMBERED) {
                memo.put(key, known);
            }
        }
        return known;
    }

    /** Whether the key's '\n' separators are unambiguous: no field holds one (a line read from a log never does). */
    private static boolean keyable(Logged logged) {
        return logged.daemon().indexOf('\n') < 0 && logged.address().indexOf('\n') < 0
                && logged.name().orElse("").indexOf('\n') < 0 && logged.user().orElse("").indexOf('\n') < 0;
    }

    /** The decision of the given tables, or empty when they need a fact the log does not hold. */
    private Optional<Decision> decide(Logged c) {
        Facts facts = new Facts(Patterns.latin1(c.daemon()), c.address(), "unknown", -1, -1, PID, false);
        c.name().ifPresent(n -> facts.clientName(Patterns.latin1(n)));
        c.user().ifPresent(u -> facts.user(Patterns.latin1(u)));
        Outcome outcome = rules.evaluate(facts);
        return outcome instanceof Outcome.Decided decided ? Optional.of(decided.decision()) : Optional.empty();
    }

    /** The connection a log line records, if it is a decision line. */
    static Optional<Logged> parse(long number, String line) {
        String verdict = value(line, "verdict");
        if (verdict != null) {
            String daemon = value(line, "daemon");
            String address = value(line, "address");
            if (daemon == null || address == null || !(verdict.equals("granted") || verdict.equals("denied"))) {
                return Optional.empty();
            }
            String client = value(line, "client");
            Optional<String> user = Optional.empty();
            Optional<String> name = Optional.empty();
            if (client != null) {
                int at = client.lastIndexOf('@');
                if (at > 0) {
                    user = Optional.of(client.substring(0, at));
                    client = client.substring(at + 1);
                }
                if (!client.equals(address)) {
                    name = Optional.of(client);
                }
            }
            return Optional.of(new Logged(number, daemon, address, name, user, verdict.equals("granted"),
                    Optional.ofNullable(value(line, "rule"))));
        }
        return syslog(number, line);
    }

    /** tcpd's syslog line: {@code DAEMON[PID]: refused connect from ADDRESS} (or {@code connect from}). */
    private static Optional<Logged> syslog(long number, String line) {
        int from = line.lastIndexOf("connect from ");
        if (from < 0) {
            return Optional.empty();
        }
        boolean refused = line.startsWith("refused ", from - 8);
        int messageStart = refused ? from - 8 : from;
        String client = line.substring(from + "connect from ".length()).strip();
        int colon = line.lastIndexOf(": ", messageStart);
        if (colon < 0 || colon + 2 != messageStart || client.isEmpty() || client.indexOf(' ') >= 0
                || DebianArguments.number(client).isEmpty()) {
            return Optional.empty();
        }
        int start = line.lastIndexOf(' ', colon - 1) + 1;
        String daemon = line.substring(start, colon);
        int bracket = daemon.indexOf('[');
        if (bracket >= 0) {
            daemon = daemon.substring(0, bracket);
        }
        if (daemon.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Logged(number, daemon, client, Optional.empty(), Optional.empty(), !refused,
                Optional.empty()));
    }

    /** The value of {@code key=} in a line (a word, or a double-quoted string), or null. */
    static String value(String line, String key) {
        // The common form first (slf4j-simple's " key=value"): one intrinsic search.
        String needle = NEEDLES.get(key);
        int common = line.indexOf(needle != null ? needle : ' ' + key + '=');
        if (common >= 0) {
            return word(line, common + key.length() + 2);
        }
        int at = -1;
        for (int from = 0; (at = line.indexOf(key, from)) >= 0; from = at + 1) {
            int end = at + key.length();
            boolean starts = at == 0 || line.charAt(at - 1) == ' ' || line.charAt(at - 1) == '{'
                    || line.charAt(at - 1) == ',' || line.charAt(at - 1) == '"';
            if (starts && end < line.length()) {
                // key=value, or "key":"value" as a JSON encoder writes it
                if (line.charAt(end) == '=') {
                    return word(line, end + 1);
                }
                if (line.startsWith("\":", end)) {
                    return word(line, end + 2);
                }
            }
        }
        return null;
    }

    private static String word(String line, int start) {
        if (start < line.length() && line.charAt(start) == '"') {
            int close = line.indexOf('"', start + 1);
            return close < 0 ? null : line.substring(start + 1, close);
        }
        int end = start;
        while (end < line.length() && line.charAt(end) != ' ' && line.charAt(end) != ',' && line.charAt(end) != '}') {
            end++;
        }
        return line.substring(start, end);
    }

    void text(PrintWriter out, Path log) {
        out.println("replayed " + connections + " connections from " + log + " (" + (lines - connections)
                + " other lines skipped)");
        out.println("would change: " + changed + " (" + newlyDenied + " granted -> denied, " + (changed - newlyDenied)
                + " denied -> granted)");
        if (undecided > 0) {
            out.println("undecided:    " + undecided + " (the new rules need a name, user or server the log does not hold)");
        }
        if (!byRule.isEmpty()) {
            out.println("by rule now deciding:");
            byRule.forEach((rule, count) -> out.println("  " + count[0] + "  " + rule));
        }
        if (!examples.isEmpty()) {
            out.println("first " + examples.size() + " changes:");
            for (Change c : examples) {
                Logged l = c.logged();
                out.println("  line " + l.line() + ": " + l.daemon() + " from " + l.address() + ": "
                        + (l.granted() ? "granted" : "denied") + " by " + l.rule().orElse("no rule") + " -> "
                        + (c.granted() ? "granted" : "denied") + " by " + c.rule().map(RuleLocation::toString).orElse("no rule"));
            }
        }
    }

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("lines", lines);
        json.put("connections", connections);
        json.put("changed", changed);
        json.put("grantedToDenied", newlyDenied);
        json.put("deniedToGranted", changed - newlyDenied);
        json.put("undecided", undecided);
        List<Object> rulesJson = new ArrayList<>();
        byRule.forEach((key, count) -> {
            Map<String, Object> r = new LinkedHashMap<>();
            int space = key.lastIndexOf(' ');
            r.put("rule", key.substring(0, space));
            r.put("verdict", key.substring(space + 1));
            r.put("count", count[0]);
            rulesJson.add(r);
        });
        json.put("byRule", rulesJson);
        List<Object> list = new ArrayList<>();
        for (Change c : examples) {
            Map<String, Object> e = new LinkedHashMap<>();
            Logged l = c.logged();
            e.put("line", l.line());
            e.put("daemon", l.daemon());
            e.put("address", l.address());
            e.put("name", l.name());
            e.put("user", l.user());
            e.put("logged", l.granted() ? "granted" : "denied");
            e.put("loggedRule", l.rule());
            e.put("now", c.granted() ? "granted" : "denied");
            e.put("nowRule", c.rule().map(RuleLocation::toString));
            list.add(e);
        }
        json.put("examples", list);
        return json;
    }
}
