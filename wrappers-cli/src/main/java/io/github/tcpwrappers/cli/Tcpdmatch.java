package io.github.tcpwrappers.cli;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.RulesRejectedException;
import io.github.tcpwrappers.evaluation.Facts;
import io.github.tcpwrappers.evaluation.Outcome;
import io.github.tcpwrappers.evaluation.RuleSet;
import io.github.tcpwrappers.language.RuleTable;
import io.github.tcpwrappers.lookup.JdkHostNameResolver;
import io.github.tcpwrappers.spi.HostNameResolver;
import io.github.tcpwrappers.value.AppliedOption;
import io.github.tcpwrappers.value.Decision;
import io.github.tcpwrappers.value.Diagnostic;
import io.github.tcpwrappers.value.HostName;
import io.github.tcpwrappers.value.ListMatch;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
                "An address is used as given; its name is looked up (reverse, then forward to confirm) only"
                        + " when a reached rule needs it. A host name is resolved and each of its addresses"
                        + " checked. Commands (spawn, twist, aclexec) are shown, never run."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:every check granted", "1:a check denied, or delegated to a twist command",
                "2:bad usage, unreadable rule files, or files strict mode refuses"})
final class Tcpdmatch implements Callable<Integer> {
    private static final Pattern DOTTED_QUAD = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

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

    @Parameters(index = "0", paramLabel = "daemon[@server]", description = "The daemon name (as in daemon"
            + " lists), and optionally the server's name or address.")
    String service;

    @Parameters(index = "1", paramLabel = "[user@]client", description = "The client's name or address"
            + " (IPv6 with or without brackets; unknown and paranoid stand for failed lookups), optionally"
            + " with its user name.")
    String clientArg;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** One end of the connection as far as it is known before deciding. */
    private record End(Optional<InetAddress> address, Optional<String> name, boolean lookUpNow) {
        static End of(InetAddress address) {
            return new End(Optional.of(address), Optional.empty(), false);
        }

        static End named(String name) {
            return new End(Optional.empty(), Optional.of(name), false);
        }
    }

    /** One decided request, with what was learned on the way. */
    private record Check(String daemon, End client, Optional<String> clientName, Optional<String> user,
            End server, Optional<String> serverName, Decision decision, List<String> warnings,
            List<ListMatch> lists) {
        String access() {
            return decision.twist().isPresent() ? "delegated" : decision.granted() ? "granted" : "denied";
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = TerminalWriter.over(spec.commandLine().getOut());
        PrintWriter err = TerminalWriter.over(spec.commandLine().getErr());
        validate();
        List<String> notes = new ArrayList<>();
        String daemon = daemon(notes);
        int at = clientArg.indexOf('@');
        Optional<String> user = at < 0 ? Optional.empty() : Optional.of(clientArg.substring(0, at));
        String clientText = at < 0 ? clientArg : clientArg.substring(at + 1);
        String serverText = service.indexOf('@') < 0 ? null : service.substring(service.indexOf('@') + 1);
        if (user.isPresent() && user.get().isEmpty() || clientText.isEmpty() || "".equals(serverText)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "empty user, client or server in \"" + service + "\" \"" + clientArg + "\"");
        }

        // Only the rules are used: deciding here is a dry run, so the engine's effects (spawns,
        // aclexec, decision log) are never started. The engine stays open only for its bound lists.
        HostsAccess access;
        try {
            access = ListBindingsOption.bind(files, HostsAccess.builder().allowFile(files.allowPath())
                    .denyFile(files.denyPath()).mode(files.mode), spec.commandLine()).build();
        } catch (RulesRejectedException e) {
            return refused(out, err, e.problems());
        }
        try (access) {
            notes.addAll(ListBindingsOption.await(access, files));
            return decideAll(out, err, access, daemon, user, clientText, serverText, notes);
        }
    }

    private int decideAll(PrintWriter out, PrintWriter err, HostsAccess access, String daemon, Optional<String> user,
            String clientText, String serverText, List<String> notes) {
        RuleSet rules = access.rules();
        for (RuleTable table : List.of(rules.allowTable(), rules.denyTable())) {
            if (table.unreadable().isPresent()) {
                err.println("tcpdmatch: cannot read " + table.path() + ": " + table.unreadable().get());
                return Main.USAGE;
            }
        }

        // The engine's own resolver: reverse lookup, then forward confirmation, off this thread.
        JdkHostNameResolver lookups = JdkHostNameResolver.system();
        try {
            HostNameResolver names = noDns ? HostNameResolver.none() : lookups;
            List<End> servers;
            List<End> clients;
            try {
                servers = serverText == null ? List.of(End.named("unknown")) : ends(serverText);
                clients = ends(clientText);
            } catch (UnknownHostException e) {
                err.println("tcpdmatch: " + e.getMessage());
                return Main.USAGE;
            }
            List<Check> checks = new ArrayList<>();
            for (End server : servers) {
                for (End client : clients) {
                    checks.add(check(access, rules, names, daemon, server, client, user, notes));
                }
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

    private void validate() {
        if (serverPort != null && (serverPort < 0 || serverPort > 65535)
                || clientPort != null && (clientPort < 0 || clientPort > 65535)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "a port is a number from 0 to 65535");
        }
        if (timeoutSeconds <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
        }
    }

    /** The daemon part; a path is cut to its last component, as tcpdmatch does, with a note. */
    private String daemon(List<String> notes) {
        int at = service.indexOf('@');
        String daemon = at < 0 ? service : service.substring(0, at);
        if (daemon.startsWith("/")) {
            String cut = daemon.substring(daemon.lastIndexOf('/') + 1);
            notes.add(daemon + ": daemon name normalized to: " + cut);
            daemon = cut;
        }
        if (daemon.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "empty daemon name in \"" + service + "\"");
        }
        return daemon;
    }

    /** An address as given; unknown/paranoid as failed lookups; a name resolved (or, without DNS, kept). */
    private List<End> ends(String host) throws UnknownHostException {
        Optional<InetAddress> literal = literal(host);
        if (literal.isPresent()) {
            return List.of(End.of(literal.get()));
        }
        if (host.equalsIgnoreCase("unknown") || host.equalsIgnoreCase("paranoid") || noDns) {
            return List.of(End.named(host));
        }
        if (host.indexOf(':') >= 0 || host.startsWith("[")) {
            throw new UnknownHostException("not an address: " + host);
        }
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new UnknownHostException("cannot resolve " + host + ": host not found");
        }
        LinkedHashSet<InetAddress> distinct = new LinkedHashSet<>(List.of(all));
        List<End> ends = new ArrayList<>();
        for (InetAddress a : distinct) {
            // tcpdmatch looks the name of each address up at once when a host name was given.
            ends.add(new End(Optional.of(InetAddress.getByAddress(a.getAddress())), Optional.empty(), true));
        }
        return ends;
    }

    /** A literal address, without any lookup: dotted quad, or IPv6 with or without brackets. */
    static Optional<InetAddress> literal(String host) {
        try {
            if (DOTTED_QUAD.matcher(host).matches()) {
                return Optional.of(InetAddress.getByName(host));
            }
            String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            if (bare.indexOf(':') >= 0 && bare.matches("[0-9A-Fa-f:.]+")) {
                return Optional.of(InetAddress.getByName(bare));
            }
        } catch (UnknownHostException e) {
            return Optional.empty(); // not a literal after all; the caller reports it
        }
        return Optional.empty();
    }

    private Check check(HostsAccess access, RuleSet rules, HostNameResolver names, String daemon, End server,
            End client, Optional<String> user, List<String> notes) {
        List<String> warnings = new ArrayList<>();
        String clientAddress = client.address().map(AccessRequest::format).orElse("unknown");
        String serverAddress = server.address().map(AccessRequest::format).orElse("unknown");
        Facts facts = new Facts(Patterns.latin1(daemon), clientAddress, serverAddress,
                clientPort == null ? -1 : clientPort, serverPort == null ? -1 : serverPort,
                Long.toString(ProcessHandle.current().pid()), false);
        Optional<String> clientName = client.name();
        Optional<String> serverName = server.name();
        if (client.lookUpNow()) {
            clientName = Optional.of(lookup(names, client.address(), warnings));
        }
        if (server.lookUpNow()) {
            serverName = Optional.of(lookup(names, server.address(), warnings));
        }
        clientName.ifPresent(n -> facts.clientName(Patterns.latin1(n)));
        serverName.ifPresent(n -> facts.serverName(Patterns.latin1(n)));
        user.ifPresent(u -> facts.user(Patterns.latin1(u)));
        Optional<String> userSeen = user;
        for (int round = 0; ; round++) {
            Outcome outcome = rules.evaluate(facts);
            if (outcome instanceof Outcome.Decided decided) {
                List<ListMatch> lists = client.address().map(access::listEntries).orElse(List.of());
                return new Check(daemon, client, clientName, userSeen, server, serverName, decided.decision(),
                        warnings, lists);
            }
            if (round > 8) {
                throw new IllegalStateException("the engine asked for the same fact twice: " + outcome);
            }
            if (outcome instanceof Outcome.NeedsClientName) {
                clientName = Optional.of(lookup(names, client.address(), warnings));
                facts.clientName(Patterns.latin1(clientName.get()));
            } else if (outcome instanceof Outcome.NeedsServerName) {
                serverName = Optional.of(lookup(names, server.address(), warnings));
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
            c.client().address().ifPresent(a -> out.println("client:   address  " + AccessRequest.format(a)));
            c.clientName().ifPresent(n -> out.println("client:   hostname " + n));
            c.user().ifPresent(u -> out.println("client:   username " + u));
            c.server().address().ifPresent(a -> out.println("server:   address  " + AccessRequest.format(a)));
            // The server tcpdmatch assumes when none is given is no news.
            c.serverName().filter(n -> service.indexOf('@') >= 0)
                    .ifPresent(n -> out.println("server:   hostname " + n));
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
            client.put("address", c.client().address().map(AccessRequest::format));
            client.put("name", c.clientName());
            client.put("user", c.user());
            client.put("port", Optional.ofNullable(clientPort));
            check.put("client", client);
            Map<String, Object> server = new LinkedHashMap<>();
            server.put("address", c.server().address().map(AccessRequest::format));
            server.put("name", c.serverName().filter(n -> service.indexOf('@') >= 0));
            server.put("port", Optional.ofNullable(serverPort));
            check.put("server", server);
            Decision d = c.decision();
            check.put("matched", d.rule().map(r -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("file", r.file());
                m.put("line", r.line());
                return m;
            }));
            check.put("lists", c.lists().stream().map(ListBindingsOption::json).toList());
            check.put("options", d.options().stream().map(o -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", o.name());
                m.put("value", o.value());
                return m;
            }).toList());
            check.put("banner", d.banner());
            check.put("twist", d.twist().map(t -> t.commandLine()));
            check.put("warnings", c.warnings());
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
