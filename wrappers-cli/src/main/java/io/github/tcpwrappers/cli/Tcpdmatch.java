/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.cli;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.Mode;
import io.github.tcpwrappers.RulesRejectedException;
import io.github.tcpwrappers.cli.DebianArguments.End;
import io.github.tcpwrappers.evaluation.Facts;
import io.github.tcpwrappers.evaluation.Outcome;
import io.github.tcpwrappers.evaluation.RuleSet;
import io.github.tcpwrappers.files.RuleLoader;
import io.github.tcpwrappers.language.RuleTable;
import io.github.tcpwrappers.lookup.JdkHostNameResolver;
import io.github.tcpwrappers.spi.HostNameResolver;
import io.github.tcpwrappers.value.AppliedOption;
import io.github.tcpwrappers.lists.ListBindings;
import io.github.tcpwrappers.value.Decision;
import io.github.tcpwrappers.value.ListMatch;
import io.github.tcpwrappers.value.Diagnostic;
import io.github.tcpwrappers.value.HostName;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * tcpdmatch: predicts how the engine decides one request. Runs the rules as libwrap's tcpdmatch
 * does (a dry run: spawn, twist and aclexec commands are shown, never started) and looks names
 * up only when a reached rule needs them, as the engine does at connection time.
 */
@Command(name = "tcpdmatch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predicts whether a client gets in, as the engine decides it at connection time.",
                "The arguments are read as Debian's tcpdmatch reads them: an address is used as given, with"
                        + " its name unknown (what tcpd does when the client's name lookup fails); a host"
                        + " name (or another number form, such as 10 or 0x7f.1) is resolved and each of its"
                        + " addresses checked with its name looked up. Commands (spawn, twist, aclexec) are"
                        + " shown, never run."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:every check granted (--replay: no verdict would change)",
                "1:a check denied, or delegated to a twist command (--replay: some verdict would change)",
                "2:bad usage, unreadable rule files, or files strict mode refuses"})
final class Tcpdmatch implements Callable<Integer> {
    @Mixin
    RuleFileOptions files;

    @Option(names = "--no-dns", description = "Look up no names: names the rules need are unknown, and a"
            + " host name given stands for itself with an unknown address.")
    boolean noDns;

    @Option(names = "--port", paramLabel = "PORT", description = "The server's port, for port numbers in"
            + " daemon lists and %%R (default: none, so port patterns never match).")
    Integer serverPort;

    @Option(names = "--client-port", paramLabel = "PORT", description = "The client's port, for %%r.")
    Integer clientPort;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "5",
            description = "The longest one name lookup may take (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--replay", paramLabel = "LOGFILE", description = "Instead of one request: read the decision"
            + " lines the engine logged (key-value or tcpd's syslog form), decide each connection again against"
            + " the given tables, and report those whose verdict would change.")
    Path replay;

    @Option(names = "--examples", paramLabel = "N", defaultValue = "10",
            description = "With --replay: how many changed connections to show (default: ${DEFAULT-VALUE}).")
    int examples;

    @Parameters(index = "0", arity = "0..1", paramLabel = "daemon[@server]", description = "The daemon name (as in daemon"
            + " lists), and optionally the server's name or address.")
    String service;

    @Parameters(index = "1", arity = "0..1", paramLabel = "[user@]client", description = "The client's address (IPv6"
            + " without brackets) or host name (unknown and paranoid stand for failed lookups), optionally"
            + " with its user name.")
    String clientArg;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** One decided request, with what was learned on the way. */
    private record Check(String daemon, End client, Optional<String> clientName, Optional<String> user,
            End server, Optional<String> serverName, Decision decision, List<String> warnings,
            List<ListMatch> lists) {
        /** What Debian's tcpdmatch prints of a value: nothing when it is unknown. */
        static Optional<String> shown(Optional<String> value) {
            return value.filter(v -> !v.equalsIgnoreCase("unknown"));
        }

        String access() {
            return decision.twist().isPresent() ? "delegated" : decision.granted() ? "granted" : "denied";
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = TerminalWriter.over(spec.commandLine().getOut());
        PrintWriter err = TerminalWriter.over(spec.commandLine().getErr());
        validate();
        if (replay != null) {
            return replay(out, err);
        }
        if (service == null || clientArg == null) {
            // picocli's own words, as when both parameters were required
            throw new CommandLine.ParameterException(spec.commandLine(), service == null
                    ? "Missing required parameters: 'daemon[@server]', '[user@]client' (or --replay LOGFILE)"
                    : "Missing required parameter: '[user@]client'");
        }
        List<String> notes = new ArrayList<>();
        String daemon = DebianArguments.daemon(service, notes);
        Optional<String> user = DebianArguments.user(clientArg);
        String clientText = DebianArguments.clientHost(clientArg);
        Optional<String> serverText = DebianArguments.serverHost(service);

        // The --bind lists, opened and waited for: the rules see them as the server's engine does.
        try (ListBindings lists = ListBindingsOption.open(files, spec.commandLine())) {
            notes.addAll(ListBindingsOption.await(lists, files));
            RuleSet rules;
            try {
                rules = loadRules(lists);
            } catch (RulesRejectedException e) {
                return refused(out, err, e.problems());
            } catch (IllegalArgumentException unreadable) {
                err.println("tcpdmatch: " + unreadable.getMessage());
                return Main.USAGE;
            }
            return decideAll(out, rules, lists, notes, daemon, user, clientText, serverText);
        }
    }

    private int decideAll(PrintWriter out, RuleSet rules, ListBindings lists, List<String> notes, String daemon,
            Optional<String> user, String clientText, Optional<String> serverText) {
        // The engine's own resolver: reverse lookup, then forward confirmation, off this thread.
        JdkHostNameResolver lookups = JdkHostNameResolver.system();
        try {
            HostNameResolver names = noDns ? HostNameResolver.none() : lookups;
            DebianArguments.Names resolver = noDns ? name -> List.of() : Tcpdmatch::systemAddresses;
            End server;
            List<End> clients;
            try {
                server = DebianArguments.server(serverText, resolver);
                clients = DebianArguments.clients(clientText, resolver, noDns);
            } catch (UnknownHostException e) {
                // An argument Debian's tcpdmatch refuses is bad usage, said like every other one.
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            List<Check> checks = new ArrayList<>();
            for (End client : clients) {
                checks.add(check(rules, lists, names, daemon, server, client, user));
            }
            if (files.json) {
                out.println(Json.write(json(checks, notes)));
            } else {
                text(out, checks, notes);
            }
            return checks.stream().allMatch(c -> c.access().equals("granted")) ? 0 : 1;
        } finally {
            lookups.close();
        }
    }

    /**
     * The tables as the engine loads them. Only the rules are kept: deciding here is a dry run,
     * so the engine's effects (spawns, aclexec, decision log) are never started, and the engine
     * is closed at once.
     *
     * @throws IllegalArgumentException naming a table that cannot be read
     */
    private RuleSet loadRules(ListBindings lists) {
        // Only the rules are kept: deciding here is a dry run, so the engine's effects (spawns,
        // aclexec, decision log) are never started.
        RuleLoader.Loaded loaded = RuleFileOptions.loader().withBindings(lists.memberships())
                .load(files.allowPath(), files.denyPath());
        // Refused as the engine's first load would be in this mode (a missing table too, in strict mode).
        List<Diagnostic> refusals = loaded.refusals(files.mode == Mode.STRICT, files.mode == Mode.STRICT);
        if (!refusals.isEmpty()) {
            throw new RulesRejectedException(refusals);
        }
        RuleSet rules = loaded.rules();
        for (RuleTable table : List.of(rules.allowTable(), rules.denyTable())) {
            if (table.unreadable().isPresent()) {
                throw new IllegalArgumentException("cannot read " + table.path() + ": " + table.unreadable().get());
            }
        }
        return rules;
    }

    /** {@code --replay}: every logged connection decided again; exit 1 when any verdict changes. */
    private int replay(PrintWriter out, PrintWriter err) {
        if (service != null || clientArg != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--replay takes no daemon or client");
        }
        if (examples < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--examples must not be negative");
        }
        Replay run;
        try (ListBindings lists = ListBindingsOption.open(files, spec.commandLine())) {
            ListBindingsOption.await(lists, files).forEach(w -> err.println("tcpdmatch: warning: " + w));
            run = new Replay(loadRules(lists), examples);
            run.read(replay);
        } catch (RulesRejectedException e) {
            return refused(out, err, e.problems());
        } catch (IllegalArgumentException e) {
            err.println("tcpdmatch: " + e.getMessage());
            return Main.USAGE;
        } catch (IOException e) {
            err.println("tcpdmatch: cannot read " + replay + ": " + e);
            return Main.USAGE;
        }
        if (files.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("tool", "tcpdmatch");
            json.put("mode", files.modeName());
            json.put("allow", files.allowPath().toString());
            json.put("deny", files.denyPath().toString());
            json.put("replay", replay.toString());
            json.putAll(run.json());
            out.println(Json.write(json));
        } else {
            run.text(out, replay);
        }
        return run.changed == 0 ? 0 : 1;
    }

    private void validate() {
        if (serverPort != null && (serverPort < 0 || serverPort > 65535)
                || clientPort != null && (clientPort < 0 || clientPort > 65535)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "a port is a number from 0 to 65535");
        }
        if (timeoutSeconds <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
        }
    }

    /** Every address the system's name service (the JDK's resolver) gives a host name. */
    private static List<InetAddress> systemAddresses(String name) {
        try {
            return List.of(InetAddress.getAllByName(name));
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    private Check check(RuleSet rules, ListBindings lists, HostNameResolver names, String daemon, End server,
            End client, Optional<String> user) {
        List<String> warnings = new ArrayList<>();
        Facts facts = new Facts(daemon, client.address().orElse("unknown"), server.address().orElse("unknown"),
                clientPort == null ? -1 : clientPort, serverPort == null ? -1 : serverPort,
                Long.toString(ProcessHandle.current().pid()), false);
        Optional<String> clientName = client.name();
        Optional<String> serverName = server.name();
        if (client.lookUpNow()) {
            clientName = Optional.of(lookup(names, client.socket(), warnings));
        }
        if (server.lookUpNow()) {
            serverName = Optional.of(lookup(names, server.socket(), warnings));
        }
        clientName.ifPresent(n -> facts.clientName(Patterns.latin1(n)));
        serverName.ifPresent(n -> facts.serverName(Patterns.latin1(n)));
        user.ifPresent(u -> facts.user(Patterns.latin1(u)));
        Optional<String> userSeen = user;
        for (int round = 0; ; round++) {
            Outcome outcome = rules.evaluate(facts);
            if (outcome instanceof Outcome.Decided decided) {
                List<ListMatch> listed = client.socket().or(() -> client.address().flatMap(DebianArguments::number))
                        .map(lists::matches).orElse(List.of());
                return new Check(daemon, client, clientName, userSeen, server, serverName, decided.decision(),
                        warnings, listed);
            }
            if (round > 8) {
                throw new IllegalStateException("the engine asked for the same fact twice: " + outcome);
            }
            if (outcome instanceof Outcome.NeedsClientName) {
                clientName = Optional.of(lookup(names, client.socket(), warnings));
                facts.clientName(Patterns.latin1(clientName.get()));
            } else if (outcome instanceof Outcome.NeedsServerName) {
                serverName = Optional.of(lookup(names, server.socket(), warnings));
                facts.serverName(Patterns.latin1(serverName.get()));
            } else if (outcome instanceof Outcome.NeedsUser) {
                // No connection, so no ident server to ask: like tcpdmatch, the user is unknown.
                userSeen = Optional.of("unknown");
                facts.user("unknown");
            } else {
                throw new IllegalStateException("a dry run does not run aclexec: " + outcome);
            }
        }
    }

    private String lookup(HostNameResolver names, Optional<InetAddress> address, List<String> warnings) {
        if (address.isEmpty()) {
            return "unknown";
        }
        String text = AccessRequest.format(address.get());
        HostName name;
        try {
            name = names.verifiedName(address.get()).toCompletableFuture().get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            warnings.add("host address " + text + "->name lookup timed out after " + timeoutSeconds + " s");
            return "unknown";
        } catch (ExecutionException e) {
            warnings.add("host address " + text + "->name lookup failed: " + e.getCause());
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking up " + text, e);
        }
        if (name instanceof HostName.Verified v) {
            return v.name();
        }
        if (name instanceof HostName.Paranoid p) {
            warnings.add("host name/address mismatch: " + p.claimedName() + " does not map back to " + text);
            return "paranoid";
        }
        if (!noDns) {
            warnings.add("host address " + text + "->name lookup failed");
        }
        return "unknown";
    }

    private int refused(PrintWriter out, PrintWriter err, List<Diagnostic> problems) {
        if (files.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("tool", "tcpdmatch");
            json.put("mode", files.modeName());
            json.put("refused", true);
            json.put("problems", problems.stream().map(Tcpdchk::problemJson).toList());
            out.println(Json.write(json));
        } else {
            err.println("tcpdmatch: strict mode refuses the rule files (tcpdchk explains; --mode libwrap"
                    + " loads them as libwrap does):");
            problems.forEach(p -> err.println(Tcpdchk.problemText(p)));
        }
        return Main.USAGE;
    }

    private void text(PrintWriter out, List<Check> checks, List<String> notes) {
        for (String note : notes) {
            out.println("warning: " + note);
        }
        for (int i = 0; i < checks.size(); i++) {
            Check c = checks.get(i);
            if (i > 0) {
                out.println();
            }
            for (String w : c.warnings()) {
                out.println("warning: " + w);
            }
            // Debian's order, and like it nothing of what is unknown.
            Check.shown(c.clientName()).ifPresent(n -> out.println("client:   hostname " + n));
            Check.shown(c.client().address()).ifPresent(a -> out.println("client:   address  " + a));
            Check.shown(c.user()).ifPresent(u -> out.println("client:   username " + u));
            Check.shown(c.serverName()).ifPresent(n -> out.println("server:   hostname " + n));
            Check.shown(c.server().address()).ifPresent(a -> out.println("server:   address  " + a));
            out.println("server:   process  " + c.daemon());
            serverPortLine(out);
            Decision d = c.decision();
            out.println("matched:  " + d.rule().map(Object::toString).orElse("none"));
            for (ListMatch m : c.lists()) {
                out.println("list:     " + ListBindingsOption.text(m));
            }
            for (AppliedOption o : d.options()) {
                out.println(("option:   " + o.name() + " " + o.value()).stripTrailing());
            }
            d.banner().ifPresent(b -> {
                for (String line : b.split("\r\n", -1)) {
                    if (!line.isEmpty()) {
                        out.println("banner:   " + line);
                    }
                }
            });
            for (Diagnostic problem : d.diagnostics()) {
                out.println(levelName(problem) + ": " + problem);
            }
            out.println("access:   " + c.access());
        }
    }

    private void serverPortLine(PrintWriter out) {
        if (serverPort != null) {
            out.println("server:   port     " + serverPort);
        }
    }

    static String levelName(Diagnostic d) {
        return d.level() == Diagnostic.Level.WARNING ? "warning" : "error";
    }

    private Map<String, Object> json(List<Check> checks, List<String> notes) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tool", "tcpdmatch");
        json.put("mode", files.modeName());
        json.put("allow", files.allowPath().toString());
        json.put("deny", files.denyPath().toString());
        json.put("notes", notes);
        List<Object> list = new ArrayList<>();
        for (Check c : checks) {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("daemon", c.daemon());
            Map<String, Object> client = new LinkedHashMap<>();
            client.put("address", c.client().address());
            client.put("name", c.clientName());
            client.put("user", c.user());
            client.put("port", Optional.ofNullable(clientPort));
            check.put("client", client);
            Map<String, Object> server = new LinkedHashMap<>();
            server.put("address", c.server().address());
            server.put("name", Check.shown(c.serverName()));
            server.put("port", Optional.ofNullable(serverPort));
            check.put("server", server);
            Decision d = c.decision();
            check.put("matched", d.rule().map(r -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("file", r.file());
                m.put("line", r.line());
                return m;
            }));
            check.put("options", d.options().stream().map(o -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", o.name());
                m.put("value", o.value());
                return m;
            }).toList());
            check.put("banner", d.banner());
            check.put("twist", d.twist().map(t -> t.commandLine()));
            check.put("warnings", c.warnings());
            check.put("lists", c.lists().stream().map(ListBindingsOption::json).toList());
            check.put("diagnostics", d.diagnostics().stream().map(Tcpdchk::problemJson).toList());
            check.put("access", c.access());
            list.add(check);
        }
        json.put("checks", list);
        json.put("access", checks.stream().anyMatch(c -> c.access().equals("denied")) ? "denied"
                : checks.stream().anyMatch(c -> c.access().equals("delegated")) ? "delegated" : "granted");
        return json;
    }
}
