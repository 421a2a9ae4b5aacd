/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.examples;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.MemoryListSource;
import io.github.tcpwrappers.ReloadEvent;
import io.github.tcpwrappers.value.Diagnostic;
import io.github.tcpwrappers.value.Network;
import io.grpc.Status;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The one-command demo: starts the three example servers in this process on a copy of
 * {@code rules/}, drives clients from 127.0.0.1 (allowed) and 127.0.0.2 (refused) against each,
 * prints what every client saw with the log lines it caused, asks {@code tcpdmatch} the same
 * question, then edits the rules to show live reload and a refused edit, and bans a client once
 * on the list the rules name, which all three doors then refuse. Every step is checked;
 * the exit status is 0 only when everything behaved as printed.
 *
 * <pre>{@code
 * ./demo.sh            # builds, then: cd examples && java -cp ... io.github.tcpwrappers.examples.Demo
 * }</pre>
 */
public final class Demo {
    static final String ALLOWED = "127.0.0.1";
    static final String REFUSED = "127.0.0.2";
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress(ALLOWED, 0);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final PrintStream out;
    private final LogCapture log;
    private final List<String> failures = new ArrayList<>();

    /**
     * What a run found.
     *
     * @param failures every check that did not hold, empty when the demo behaved as shown
     * @param servers where the three servers listened (all closed when {@link #run} returns)
     * @param took how long the run took
     */
    public record Result(List<String> failures, List<InetSocketAddress> servers, Duration took) {
        /** Whether every check held. */
        public boolean ok() {
            return failures.isEmpty();
        }
    }

    private Demo(PrintStream out, LogCapture log) {
        this.out = out;
        this.log = log;
    }

    /** Runs the demo from {@code examples/} and exits 0 when every check held, else 1. */
    public static void main(String[] args) {
        Result result = run(System.out);
        System.exit(result.ok() ? 0 : 1);
    }

    /**
     * Runs the whole demo, writing its transcript to {@code out}. While it runs, standard output
     * is captured (the examples' slf4j-simple logs there) so log lines are shown with the client
     * that caused them; it is restored before this returns. Nothing is left running.
     */
    public static Result run(PrintStream out) {
        long start = System.nanoTime();
        List<InetSocketAddress> servers = new ArrayList<>();
        List<String> failures;
        try (LogCapture log = LogCapture.install()) {
            Demo demo = new Demo(out, log);
            try {
                demo.runSteps(servers);
            } catch (IllegalStateException e) {
                demo.fail(e.getMessage()); // started from the wrong directory: the message says what to do
            } catch (Exception e) {
                demo.fail("the demo stopped: " + e);
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                out.print(trace);
            }
            failures = List.copyOf(demo.failures);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        out.println();
        if (failures.isEmpty()) {
            out.printf("Demo finished in %.1f s: everything behaved as shown.%n", took.toMillis() / 1000.0);
        } else {
            out.printf("Demo FAILED (%d problems) after %.1f s:%n", failures.size(), took.toMillis() / 1000.0);
            failures.forEach(f -> out.println("  - " + f));
        }
        return new Result(failures, List.copyOf(servers), took);
    }

    private void runSteps(List<InetSocketAddress> servers) throws Exception {
        Path source = ExampleRules.directory();
        Path rules = Files.createTempDirectory("tcpwrappers-demo-").toAbsolutePath();
        // The ban list is a /file list path (FLEET.md): libwrap, and tcpdmatch without --bind,
        // read the (empty) file; the demo's engine binds the path to a live list instead. It
        // must come first in hosts.allow, or the loopback grant below it would win.
        Path banList = rules.resolve("hosts.ban");
        Files.writeString(banList, "");
        Files.writeString(rules.resolve("hosts.allow"), "# Added by the demo: a client on the ban list is refused by every"
                + " door.\nALL : " + banList + " : deny\n"
                + Files.readString(source.resolve("hosts.allow"), StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
        Files.copy(source.resolve("hosts.deny"), rules.resolve("hosts.deny"));
        long spawnLogStart = Files.exists(ExampleRules.SPAWN_LOG) ? Files.size(ExampleRules.SPAWN_LOG) : 0;
        HostsAccess access = null;
        EchoServer echo = null;
        WebShopServer shop = null;
        GreeterServer greeter = null;
        try {
            // One engine for the three doors, as an application should: one load and one reload
            // of the files, one log format, one set of command limits.
            access = ExampleRules.builder(rules).bindList(banList, MemoryListSource.named("demo-bans")).build();
            echo = EchoServer.start(access, ANY_PORT);
            shop = WebShopServer.start(access, ANY_PORT);
            greeter = GreeterServer.start(access, ANY_PORT);
            servers.add(echo.address());
            servers.add(shop.address());
            servers.add(greeter.address());
            printSetup(source, rules, echo, shop, greeter);
            log.drain(); // startup lines

            heading("1. The rules as written: 127.0.0.1 is allowed, 127.0.0.2 refused");
            allowedClients(echo, shop, greeter);
            refusedClients(echo, shop, greeter);
            spawnLog(spawnLogStart);

            heading("2. tcpdmatch asks the same files the same question, without a connection");
            tcpdmatch(rules, "echo", REFUSED, 1, "access:   delegated");
            tcpdmatch(rules, "webshop", ALLOWED, 0, "access:   granted");

            heading("3. Live reload: append a rule for 127.0.0.2 to hosts.allow; no restart");
            liveReload(rules, access, echo, shop, greeter);

            heading("4. A broken edit: strict mode refuses it and keeps the rules in force");
            brokenEdit(rules, access, echo, shop, greeter);

            heading("5. Status: the engine as an operator sees it, GET /status");
            status(access);

            heading("6. A ban written once: all three doors refuse the client, and its open connection ends");
            banEverywhere(access, banList, echo, shop, greeter);
        } finally {
            heading("Stopping the servers");
            closeQuietly(greeter);
            closeQuietly(shop);
            closeQuietly(echo);
            closeQuietly(access);
            deleteTree(rules);
            showLog();
            out.println("  all three servers stopped; " + rules + " removed");
        }
    }

    private void printSetup(Path source, Path rules, EchoServer echo, WebShopServer shop, GreeterServer greeter)
            throws IOException {
        out.println("TCP Wrappers for the JVM: one pair of rule files, one engine, three servers");
        out.println();
        out.println("  Words: daemon = the name a server goes by in the rules (echo, webshop, greeter); spawn = a"
                + " command run beside a decision; twist = a command that answers the client in the server's"
                + " place; banners = a directory of texts sent to the client; delegated = tcpdmatch's word"
                + " when a twist command answers; strict = the default mode, which refuses risky rule files"
                + " with FILE:LINE.");
        out.println();
        out.println("  rules    " + rules + "  (a copy of " + source.toAbsolutePath() + ")");
        out.println("  echo     Netty line echo + HostsAccessHandler        " + hostPort(echo.address()));
        out.println("  webshop  Jetty 12.1 + HostsAccessFilter (in code)     http://" + hostPort(shop.address()) + "/");
        out.println("  greeter  gRPC + HostsAccessInterceptor               " + hostPort(greeter.address()));
        out.println("  All three share one engine, so every decision is logged in one format: \"daemon: connect"
                + " from %a port %r to %A port %R\". (WebShopServer run alone deploys the filter from web.xml,"
                + " where it builds its own engine.)");
        out.println("  hosts.ban is bound to a live ban list (empty at start); libwrap would read the empty file.");
        for (String table : List.of("hosts.allow", "hosts.deny")) {
            out.println();
            out.println("  " + table + ":");
            for (String line : Files.readAllLines(rules.resolve(table), StandardCharsets.ISO_8859_1)) {
                out.println("    | " + line);
            }
        }
    }

    // ---- step 1 -----------------------------------------------------------------------------

    private void allowedClients(EchoServer echo, WebShopServer shop, GreeterServer greeter) throws Exception {
        String line = "hello from " + ALLOWED;
        Clients.EchoReply e = echo(ALLOWED, echo, line);
        String banner = "220 echo ready - you are " + ALLOWED + " port " + e.localPort() + ", this is "
                + hostPort(echo.address()).replace(":", " port ");
        check(e.lines().equals(List.of(banner, line)) && !e.closedByServer(),
                "echo granted 127.0.0.1: the welcome banner (%a %r %A %R expanded), then the line echoed",
                "saw " + e.lines());
        checkLogged("echo: connect from " + ALLOWED + " port " + e.localPort() + " to ");

        Clients.HttpReply h = get(ALLOWED, shop);
        check(h.status() == 200 && h.body().startsWith("Welcome to the web shop, " + ALLOWED),
                "webshop granted 127.0.0.1: 200 and the shop's page", "saw " + h.statusLine());
        checkLogged("connect from " + ALLOWED);

        Clients.GrpcReply g = greet(ALLOWED, greeter);
        check(g.code() == Status.Code.OK && g.text().equals("Hello, " + ALLOWED + "!"),
                "greeter granted 127.0.0.1: the greeting", "saw " + g);
        checkLogged("greeter: connect from " + ALLOWED + " port ");
    }

    private void refusedClients(EchoServer echo, WebShopServer shop, GreeterServer greeter) throws Exception {
        Clients.EchoReply e = echo(REFUSED, echo, "hello from " + REFUSED);
        check(e.lines().equals(List.of("421 echo - " + REFUSED + " may not use this service")) && e.closedByServer(),
                "echo refused 127.0.0.2: the twist command answered in the server's place, then closed",
                "saw " + e.lines() + (e.closedByServer() ? ", closed" : ", still open"));
        checkLogged("echo: refused connect from " + REFUSED + " port " + e.localPort() + " to ");

        Clients.HttpReply h = get(REFUSED, shop);
        check(h.status() == 403 && h.body().startsWith("Sorry, " + REFUSED + ": the web shop is closed"),
                "webshop refused 127.0.0.2: 403 with the banner file, %a expanded", "saw " + h.statusLine());
        checkLogged("ERROR io.github.tcpwrappers.access", "refused connect from " + REFUSED);

        Clients.GrpcReply g = greet(REFUSED, greeter);
        check(g.code() == Status.Code.PERMISSION_DENIED && g.text().equals("the greeter does not talk to " + REFUSED),
                "greeter refused 127.0.0.2: PERMISSION_DENIED described by the twist command's output", "saw " + g);
        checkLogged("greeter: refused connect from " + REFUSED + " port ");
    }

    private void spawnLog(long from) throws Exception {
        String pid = "(server pid " + ProcessHandle.current().pid() + ")";
        List<String> wanted = List.of("spawn - echo granted " + ALLOWED, "spawn - webshop granted " + ALLOWED,
                "spawn - greeter granted " + ALLOWED);
        // spawn runs in the background: its lines arrive a little after the grants.
        List<String> ours = new ArrayList<>();
        boolean all = waitFor(() -> {
            ours.clear();
            ours.addAll(spawnLines(from).stream().filter(l -> l.endsWith(pid)).toList());
            return wanted.stream().allMatch(w -> ours.stream().anyMatch(l -> l.startsWith(w)));
        });
        out.println();
        out.println("  " + ExampleRules.SPAWN_LOG + ", written by the spawn commands of the grants:");
        ours.forEach(l -> out.println("    | " + l));
        check(all, "each grant ran its spawn command with %d %a %r %p expanded", "saw " + ours);
    }

    private static List<String> spawnLines(long from) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(ExampleRules.SPAWN_LOG);
        } catch (IOException e) {
            return List.of(); // not written yet
        }
        int start = (int) Math.min(from, bytes.length);
        return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8).lines().toList();
    }

    // ---- step 2 -----------------------------------------------------------------------------

    /** Where {@code mvn -pl wrappers-cli package} (demo.sh builds it) leaves the runnable jar. */
    static final Path CLI_JAR = Path.of("..", "wrappers-cli", "target", "wrappers-cli.jar");

    private void tcpdmatch(Path rules, String daemon, String client, int wantedStatus, String wantedLine)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(CLI_JAR)) {
            fail(CLI_JAR.toAbsolutePath().normalize() + " is missing: build it with"
                    + " mvn -B -pl wrappers-cli -am package (./demo.sh does)");
            return;
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                CLI_JAR.toString(), "tcpdmatch", "--allow", rules.resolve("hosts.allow").toString(), "--deny",
                rules.resolve("hosts.deny").toString(), "--no-dns", daemon, client);
        out.println();
        out.println("  $ " + String.join(" ", command));
        // The real command line in a child process, exactly as printed; its output is shown as is.
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean ended = process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        int status = ended ? process.exitValue() : -1;
        text.lines().forEach(l -> out.println("    " + l));
        out.println("    (exit status " + status + ")");
        check(status == wantedStatus && text.lines().anyMatch(wantedLine::equals),
                "tcpdmatch " + daemon + " " + client + ": \"" + wantedLine.replaceAll(" +", " ") + "\", exit status "
                        + wantedStatus + ", as the server decided", "exit status " + status);
        showLog();
    }

    // ---- step 3 -----------------------------------------------------------------------------

    private void liveReload(Path rules, HostsAccess access, EchoServer echo, WebShopServer shop,
            GreeterServer greeter) throws Exception {
        long generation = access.status().generation();
        String added = "echo webshop greeter : " + REFUSED + "\n";
        Files.writeString(rules.resolve("hosts.allow"), "# Added by the demo: 127.0.0.2 may use all three.\n" + added,
                StandardOpenOption.APPEND);
        long edited = System.nanoTime();
        out.println();
        out.println("  appended to hosts.allow:  " + added.strip());
        out.println("  waiting (at most " + WAIT.toSeconds() + " s) for the engine's reload:");
        boolean reloaded = waitFor(() -> access.status().generation() > generation);
        double seconds = (System.nanoTime() - edited) / 1e9;
        check(reloaded, String.format("all three servers picked up the edit by themselves (%.1f s)", seconds),
                "the change was not in force within " + WAIT.toSeconds() + " s");
        showLog();

        Clients.EchoReply e = echo(REFUSED, echo, "hello again");
        check(e.lines().equals(List.of("hello again")),
                "echo now grants 127.0.0.2 (the appended rule has no banner)", "saw " + e.lines());
        Clients.HttpReply h = get(REFUSED, shop);
        check(h.status() == 200 && h.body().contains("hosts.allow:"),
                "webshop now grants 127.0.0.2, by the appended rule", "saw " + h.statusLine());
        Clients.GrpcReply g = greet(REFUSED, greeter);
        check(g.code() == Status.Code.OK, "greeter now greets 127.0.0.2", "saw " + g);
    }

    // ---- step 4 -----------------------------------------------------------------------------

    private void brokenEdit(Path rules, HostsAccess access, EchoServer echo, WebShopServer shop,
            GreeterServer greeter) throws Exception {
        String broken = "echo : 10.0.0.1 # office\n";
        Files.writeString(rules.resolve("hosts.allow"), broken, StandardOpenOption.APPEND);
        out.println();
        out.println("  appended to hosts.allow:  " + broken.strip()
                + "     (a comment after a rule: libwrap reads '#' and 'office' as patterns)");
        boolean refused = waitFor(() -> access.status().lastRefusal().isPresent());
        Optional<ReloadEvent> refusal = access.status().lastRefusal();
        refusal.ifPresent(r -> r.problems().stream().map(Diagnostic::toString)
                .forEach(p -> out.println("  refused: " + p)));
        check(refused && refusal.get().problems().stream().anyMatch(p -> p.toString().contains("hosts.allow:")),
                "strict mode refused the edit, naming FILE:LINE", "no refusal within " + WAIT.toSeconds() + " s");
        // One engine: the refusal is logged once, whichever doors use it.
        String where = "hosts.allow:" + lineCount(rules.resolve("hosts.allow"));
        check(waitFor(() -> log.count(where) >= 1) && log.count(where) == 1,
                "the engine logged the refusal once, with " + where, log.count(where) + " log lines name " + where);
        showLog();

        Clients.EchoReply e = echo(REFUSED, echo, "still here");
        check(e.lines().equals(List.of("still here")),
                "echo still grants 127.0.0.2: the last good rules stay in force", "saw " + e.lines());
        Clients.HttpReply h = get(REFUSED, shop);
        check(h.status() == 200, "webshop still grants 127.0.0.2", "saw " + h.statusLine());
        Clients.GrpcReply g = greet(REFUSED, greeter);
        check(g.code() == Status.Code.OK, "greeter still greets 127.0.0.2", "saw " + g);
    }

    // ---- step 5 -----------------------------------------------------------------------------

    private void status(HostsAccess access) throws Exception {
        // One engine serves the three doors, so the endpoint shows one status.
        Map<String, HostsAccess> engines = new LinkedHashMap<>();
        engines.put("demo", access);
        try (StatusEndpoint endpoint = StatusEndpoint.start(ANY_PORT, engines)) {
            URI uri = URI.create("http://" + hostPort(endpoint.address()) + "/status");
            HttpResponse<String> answer = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(uri).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
            out.println();
            out.println("  $ curl " + uri);
            out.println("    " + answer.body().strip());
            check(answer.statusCode() == 200 && answer.body().contains("\"lastRefusal\"")
                            && answer.body().contains("\"lastDenial\"")
                            && answer.body().contains("\"generation\":" + access.status().generation()),
                    "the status shows the generation in force, the refused edit and the last denial",
                    "saw " + answer.statusCode() + " " + answer.body());
        }
    }

    // ---- step 6 -----------------------------------------------------------------------------

    private void banEverywhere(HostsAccess access, Path banList, EchoServer echo, WebShopServer shop,
            GreeterServer greeter) throws Exception {
        out.println();
        out.println("  The list here lives in this process (MemoryListSource), so the demo needs no other server;"
                + " a fleet binds a RedisList or a CrowdSecBouncer to the same path (FLEET.md).");
        try (Socket open = Clients.connect(ALLOWED, echo.address())) {
            BufferedReader openIn = new BufferedReader(new InputStreamReader(open.getInputStream(), StandardCharsets.UTF_8));
            String banner = openIn.readLine();
            out.println();
            out.println("  echo client from " + ALLOWED + " port " + open.getLocalPort() + " connects and stays open:");
            out.println("    < " + banner);
            showLog();

            out.println();
            out.println("  $ access.ban(" + banList + ", " + ALLOWED + ", 10 minutes, \"demo\")   (once, for all three doors)");
            access.ban(banList, Network.parse(ALLOWED), Duration.ofMinutes(10), "demo").toCompletableFuture()
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            long banned = System.nanoTime();
            boolean ended = openIn.readLine() == null; // the read waits at most the socket's timeout
            out.println(ended ? "    (the open echo connection: closed by the server)" : "    (the open echo connection: still open)");
            check(ended, String.format("the ban ended the echo connection already open from %s (%.2f s)", ALLOWED,
                    (System.nanoTime() - banned) / 1e9), "it stayed open");
        }
        showLog();

        Clients.EchoReply e = echo(ALLOWED, echo, "banned?");
        check(e.lines().isEmpty() && e.closedByServer(), "echo refuses banned 127.0.0.1: closed without a word",
                "saw " + e.lines() + (e.closedByServer() ? ", closed" : ", still open"));
        checkLogged("echo: refused connect from " + ALLOWED + " port " + e.localPort() + " to ");
        Clients.HttpReply h = get(ALLOWED, shop);
        check(h.status() == 403, "webshop refuses banned 127.0.0.1: 403", "saw " + h.statusLine());
        checkLogged("webshop: refused connect from " + ALLOWED + " port " + h.localPort() + " to ");
        Clients.GrpcReply g = greet(ALLOWED, greeter);
        check(g.code() == Status.Code.PERMISSION_DENIED, "greeter refuses banned 127.0.0.1: PERMISSION_DENIED",
                "saw " + g);
        checkLogged("greeter: refused connect from " + ALLOWED + " port ");

        out.println();
        out.println("  $ access.unban(" + banList + ", " + ALLOWED + ")");
        access.unban(banList, Network.parse(ALLOWED)).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        Clients.EchoReply again = echo(ALLOWED, echo, "back");
        check(again.lines().contains("back"), "after the unban echo serves 127.0.0.1 again", "saw " + again.lines());
        check(get(ALLOWED, shop).status() == 200, "webshop serves 127.0.0.1 again", "it did not");
        check(greet(ALLOWED, greeter).code() == Status.Code.OK, "greeter greets 127.0.0.1 again", "it did not");
    }

    private static int lineCount(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.ISO_8859_1).size();
        } catch (IOException e) {
            return -1;
        }
    }

    // ---- clients, with what they saw printed --------------------------------------------------

    private Clients.EchoReply echo(String from, EchoServer server, String line) throws IOException {
        Clients.EchoReply reply = Clients.echo(from, server.address(), line);
        out.println();
        out.println("  echo client from " + from + " port " + reply.localPort() + ":");
        out.println("    > " + line);
        reply.lines().forEach(l -> out.println("    < " + l));
        out.println(reply.closedByServer() ? "    (closed by the server)" : "    (client closes)");
        showLog();
        return reply;
    }

    private Clients.HttpReply get(String from, WebShopServer server) throws IOException {
        return get(from, server, true);
    }

    private Clients.HttpReply get(String from, WebShopServer server, boolean show) throws IOException {
        Clients.HttpReply reply = Clients.get(from, server.address());
        if (show) {
            out.println();
            out.println("  HTTP client from " + from + " port " + reply.localPort() + ": GET /");
            out.println("    < " + reply.statusLine());
            reply.body().lines().forEach(l -> out.println("    < " + l));
            showLog();
        }
        return reply;
    }

    private Clients.GrpcReply greet(String from, GreeterServer server) throws InterruptedException {
        Clients.GrpcReply reply = Clients.greet(from, server.address(), from);
        out.println();
        out.println("  gRPC client from " + from + ": SayHello(\"" + from + "\")");
        out.println("    < " + (reply.code() == Status.Code.OK ? reply.text() : reply.code() + ": " + reply.text()));
        showLog();
        return reply;
    }

    // ---- checks and output --------------------------------------------------------------------

    private void check(boolean held, String claim, String otherwise) {
        if (held) {
            out.println("  ok   " + claim);
        } else {
            fail(claim + " -- " + otherwise);
        }
    }

    private void checkLogged(String... fragments) {
        // The line is logged inside HostsAccess.check, before the server answers the client.
        boolean found = log.contains(fragments);
        check(found, "logged: ..." + String.join(" ... ", fragments) + "...", "no such log line");
    }

    private void fail(String what) {
        failures.add(what);
        out.println("  FAIL " + what);
    }

    private void showLog() {
        for (String line : log.drain()) {
            out.println("    log | " + line);
        }
    }

    private void heading(String title) {
        out.println();
        out.println("== " + title);
    }

    private static boolean waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    private static String hostPort(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    private void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            fail("could not stop " + closeable + ": " + e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Standard output, captured line by line while the demo runs (the examples' slf4j-simple
     * writes there, looking {@code System.out} up on every line).
     */
    private static final class LogCapture implements AutoCloseable {
        private final PrintStream original;
        private final List<String> pending = new ArrayList<>();
        private final List<String> all = new ArrayList<>();
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        private LogCapture(PrintStream original) {
            this.original = original;
        }

        static LogCapture install() {
            LogCapture capture = new LogCapture(System.out);
            System.setOut(new PrintStream(new OutputStream() {
                @Override
                public void write(int b) {
                    capture.accept(b);
                }
            }, true, StandardCharsets.UTF_8));
            return capture;
        }

        private synchronized void accept(int b) {
            if (b == '\n') {
                String line = partial.toString(StandardCharsets.UTF_8);
                partial.reset();
                pending.add(line);
                all.add(line);
            } else {
                partial.write(b);
            }
        }

        synchronized List<String> drain() {
            List<String> lines = List.copyOf(pending);
            pending.clear();
            return lines;
        }

        synchronized boolean contains(String... fragments) {
            return count(fragments) > 0;
        }

        synchronized long count(String... fragments) {
            return all.stream().filter(l -> Stream.of(fragments).allMatch(l::contains)).count();
        }

        @Override
        public void close() {
            System.out.flush();
            System.setOut(original);
            synchronized (this) {
                if (partial.size() > 0) {
                    pending.add(partial.toString(StandardCharsets.UTF_8));
                }
                pending.forEach(original::println);
                pending.clear();
            }
        }
    }
}
