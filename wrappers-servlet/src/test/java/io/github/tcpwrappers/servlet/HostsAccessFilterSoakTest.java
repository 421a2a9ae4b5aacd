package io.github.tcpwrappers.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.ReloadStatus;
import io.github.tcpwrappers.effects.DecisionLog;
import io.github.tcpwrappers.lookup.JdkHostNameResolver;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/**
 * Soak: many keep-alive HTTP/1.1 requests from 127.0.0.1..127.0.0.8 through one
 * {@link HostsAccessFilter} on a real Jetty server, while hosts.allow swaps between two rule sets
 * every 100 ms and the DNS server (dnsmasq behind a {@link UdpRelay}) stops answering for ~3 s.
 *
 * <p>The two sets differ in rule count (5 and 6), so {@link HostsAccess#status()} read before
 * and after a request says which sets can have decided it. Every client's verdict is known for
 * each set, with DNS answering and without (G = 200 from the application, D = 403):
 *
 * <pre>
 * client      set A (up/down)  set B (up/down)
 * 127.0.0.1   G G              G G     never changes, never needs a name
 * 127.0.0.2   G G              D D     allowed by address in A, "deny" option in B
 * 127.0.0.3   G G              D D
 * 127.0.0.4   D D              G G     needs a (failing) name lookup in A
 * 127.0.0.5   D D              G G
 * 127.0.0.6   D D              D D     always denied, always looks its name up
 * 127.0.0.7   G D              D D     c7.soak.test: allowed by name in A only
 * 127.0.0.8   G D              G D     c8.soak.test: allowed by name in both
 * </pre>
 *
 * A lookup failure may change only the verdicts libwrap's would change (7 and 8). Afterwards
 * open file descriptors and threads are back where they started.
 *
 * <p>{@code -Dsoak.requests=100000} (the {@code soak} profile) runs the full soak; the normal
 * build runs 10,000 requests.
 */
class HostsAccessFilterSoakTest {
    private static final int CLIENTS = 8;
    private static final int CLIENT_THREADS = 8;
    /** Requests one connection carries before the client closes it and moves to the next address. */
    private static final int REQUESTS_PER_CONNECTION = 50;
    private static final String[] VERDICTS = {"GGGG", "GGDD", "GGDD", "DDGG", "DDGG", "DDDD", "GDDD", "GDGD"};
    private static final String SET_A = String.join("\n",
            "shop: 127.0.0.1",
            "shop: 127.0.0.2 127.0.0.3",
            "shop: .soak.test",
            "");
    private static final String SET_B = String.join("\n",
            "shop: 127.0.0.1",
            "shop: 127.0.0.2 : deny",
            "shop: 127.0.0.4 127.0.0.5",
            "shop: .soak.test EXCEPT c7.soak.test",
            "");
    private static final String DENY = "shop: 127.0.0.4\nALL: ALL\n";
    private static final int RULES_A = 5;

    @TempDir
    Path dir;

    @Test
    void verdictsStayRightThroughReloadsAndADnsOutageAndNothingLeaks() throws Exception {
        int requests = Integer.getInteger("soak.requests", 10_000);
        try (DnsmasqServer dns = DnsmasqServer.start("--local=/soak.test/",
                "--host-record=c7.soak.test,127.0.0.7", "--host-record=c8.soak.test,127.0.0.8");
                UdpRelay relay = new UdpRelay(dns.address)) {
            // A short run first, so that what the JVM starts once (JIT, timers, JNDI, selector
            // providers) is already there when the baseline is taken.
            Outcome warmup = run(dir.resolve("warmup"), relay, 400, false);
            assertEquals(List.of(), warmup.wrong, "verdicts in the warm-up");
            settle();
            long fdsBefore = openFileDescriptors();
            Set<String> threadsBefore = threadNames();

            Outcome outcome = run(dir.resolve("soak"), relay, requests, true);

            System.out.printf("filter soak: %d requests (%d granted, %d denied) on %d connections in %.1f s, "
                            + "%d reloads, %d DNS packets dropped during a %d ms outage, "
                            + "%d requests decided entirely within it%n",
                    requests, outcome.granted, requests - outcome.granted, outcome.connections, outcome.seconds,
                    outcome.reloads, outcome.dropped, outcome.outageMillis, outcome.lookupFailureVerdicts);
            assertEquals(List.of(), outcome.wrong, "verdicts not right for the rules in force");
            assertTrue(outcome.reloads >= 10, "the rules reloaded: " + outcome.reloads);
            assertTrue(outcome.dropped > 0, "the DNS server went silent while names were asked");
            assertTrue(outcome.lookupFailureVerdicts > 0, "some requests were decided while DNS was silent");
            assertTrue(outcome.connections < requests / 10, "connections were kept alive: " + outcome.connections);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            long fdsAfter;
            Set<String> extra;
            do {
                Thread.sleep(200);
                fdsAfter = openFileDescriptors();
                extra = new TreeSet<>(threadNames());
                extra.removeAll(threadsBefore);
            } while ((fdsAfter > fdsBefore || !extra.isEmpty()) && System.nanoTime() < deadline);
            System.out.printf("filter soak: file descriptors %d before, %d after; threads %d before, new after: %s%n",
                    fdsBefore, fdsAfter, threadsBefore.size(), extra);
            assertTrue(fdsAfter <= fdsBefore, "open file descriptors back to " + fdsBefore + ": " + fdsAfter);
            assertEquals(Set.of(), extra, "threads left behind");
        }
    }

    private record Outcome(List<String> wrong, int granted, int connections, long reloads, long dropped,
            long outageMillis, long lookupFailureVerdicts, double seconds) {
    }

    private Outcome run(Path root, UdpRelay relay, int requests, boolean outage) throws Exception {
        Files.createDirectories(root);
        Files.writeString(root.resolve("hosts.allow"), SET_A, StandardCharsets.ISO_8859_1);
        Files.writeString(root.resolve("hosts.deny"), DENY, StandardCharsets.ISO_8859_1);
        AtomicLong reloads = new AtomicLong();
        long droppedBefore = relay.dropped.get();
        JdkHostNameResolver names = JdkHostNameResolver.builder()
                .dnsServer("dns://127.0.0.1:" + relay.address.getPort()).timeout(Duration.ofSeconds(1)).build();
        HostsAccess access = HostsAccess.builder().directory(root).hostNameResolver(names)
                .reloadInterval(Duration.ofMillis(50))
                // tcpd's log line for each request is not what is tested here
                .decisionLog(DecisionLog.builder().logger("io.github.tcpwrappers.soak")
                        .grantedLevel(Level.DEBUG).deniedLevel(Level.DEBUG).build())
                .reloadListener(event -> {
                    if (event.applied()) {
                        reloads.incrementAndGet();
                    }
                })
                .build();
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        FilterHolder filter = new FilterHolder(HostsAccessFilter.builder(access, "shop")
                .decisionTimeout(Duration.ofSeconds(10)).build());
        filter.setAsyncSupported(true);
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
        ServletHolder app = new ServletHolder(new EchoServlet());
        app.setAsyncSupported(true);
        app.setInitOrder(1);
        context.addServlet(app, "/*");
        server.setHandler(context);

        AtomicInteger granted = new AtomicInteger();
        AtomicInteger connections = new AtomicInteger();
        AtomicLong lookupFailureVerdicts = new AtomicLong();
        ConcurrentLinkedQueue<String> mistakes = new ConcurrentLinkedQueue<>();
        long outageMillis = 0;
        long start = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS);
        Thread swapper = new Thread(() -> swapRules(root), "soak-rule-swapper");
        try {
            server.start();
            int port = connector.getLocalPort();
            swapper.start();
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < CLIENT_THREADS; t++) {
                int thread = t;
                work.add(clients.submit(() -> {
                    Client client = new Client(access, relay, port, granted, connections, lookupFailureVerdicts,
                            mistakes);
                    try {
                        for (int i, k = thread; (i = next.getAndIncrement()) < requests && mistakes.size() < 20; ) {
                            if (client.sent >= REQUESTS_PER_CONNECTION || client.connection == null) {
                                client.open(k++ % CLIENTS);
                            }
                            client.request(i);
                        }
                    } finally {
                        client.close();
                    }
                    return null;
                }));
            }
            if (outage) {
                while (next.get() < requests * 2 / 5 && !work.stream().allMatch(Future::isDone)) {
                    Thread.sleep(5);
                }
                long silentAt = System.nanoTime();
                relay.silent(true);
                Thread.sleep(3000);
                relay.silent(false);
                outageMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - silentAt);
            }
            for (Future<?> f : work) {
                f.get(10, TimeUnit.MINUTES);
            }
        } finally {
            swapper.interrupt();
            swapper.join(5000);
            clients.shutdownNow();
            clients.awaitTermination(10, TimeUnit.SECONDS);
            server.stop();
            access.close();
            names.close();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Outcome(new ArrayList<>(mistakes), granted.get(), connections.get(), reloads.get(),
                relay.dropped.get() - droppedBefore, outageMillis, lookupFailureVerdicts.get(), seconds);
    }

    /** One client thread's keep-alive connection from 127.0.0.(client+1), and the checks on each answer. */
    private static final class Client {
        private final HostsAccess access;
        private final UdpRelay relay;
        private final int port;
        private final AtomicInteger granted;
        private final AtomicInteger connections;
        private final AtomicLong lookupFailureVerdicts;
        private final ConcurrentLinkedQueue<String> mistakes;
        RawHttp.Connection connection;
        int client;
        int sent;

        Client(HostsAccess access, UdpRelay relay, int port, AtomicInteger granted, AtomicInteger connections,
                AtomicLong lookupFailureVerdicts, ConcurrentLinkedQueue<String> mistakes) {
            this.access = access;
            this.relay = relay;
            this.port = port;
            this.granted = granted;
            this.connections = connections;
            this.lookupFailureVerdicts = lookupFailureVerdicts;
            this.mistakes = mistakes;
        }

        void open(int client) throws IOException {
            close();
            this.client = client;
            connection = new RawHttp.Connection("127.0.0." + (client + 1), "127.0.0.1", port);
            sent = 0;
            connections.incrementAndGet();
        }

        void close() throws IOException {
            if (connection != null) {
                connection.close();
                connection = null;
            }
        }

        void request(int i) throws IOException {
            String from = "127.0.0." + (client + 1);
            ReloadStatus before = access.status();
            long switchesBefore = relay.switches();
            boolean silentBefore = relay.silent();
            sent++;
            RawHttp.Response response = connection.get("/r" + i);
            ReloadStatus after = access.status();
            boolean dnsSteady = relay.switches() == switchesBefore;
            String connectionHeader = response.header("connection");
            if (connectionHeader != null && connectionHeader.toLowerCase(Locale.ROOT).contains("close")) {
                close(); // the next request opens a fresh connection from the same address
            }
            boolean got = response.status() == 200;
            if (got && !response.body().startsWith("app client=" + from + " ")) {
                mistakes.add(from + " was served as someone else: " + response.body());
            } else if (!got && (response.status() != 403 || !response.body().isEmpty())) {
                mistakes.add(from + " got " + response.status() + " '" + response.body() + "'");
            }
            // Which (set, DNS state) pairs may have decided this request.
            Set<Character> allowed = new HashSet<>();
            boolean[] sets = after.generation() - before.generation() >= 2
                    ? new boolean[] {true, true}
                    : new boolean[] {before.ruleCount() == RULES_A || after.ruleCount() == RULES_A,
                        before.ruleCount() != RULES_A || after.ruleCount() != RULES_A};
            String row = VERDICTS[client];
            for (int set = 0; set < 2; set++) {
                if (!sets[set]) {
                    continue;
                }
                if (!dnsSteady || !silentBefore) {
                    allowed.add(row.charAt(set * 2));
                }
                if (!dnsSteady || silentBefore) {
                    allowed.add(row.charAt(set * 2 + 1));
                }
            }
            char verdict = got ? 'G' : 'D';
            if (!allowed.contains(verdict)) {
                mistakes.add(String.format("%s request %d got %s; allowed %s (generations %d..%d, rules %d..%d, DNS %s)",
                        from, i, verdict, allowed, before.generation(), after.generation(), before.ruleCount(),
                        after.ruleCount(), dnsSteady ? (silentBefore ? "silent" : "answering") : "switched"));
            }
            if (got) {
                granted.incrementAndGet();
            }
            if (dnsSteady && silentBefore) {
                lookupFailureVerdicts.incrementAndGet();
            }
        }
    }

    /** Replaces hosts.allow with the other set every 100 ms, atomically (rename over). */
    private static void swapRules(Path root) {
        boolean b = true;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(100);
                Path next = root.resolve("hosts.allow.next");
                Files.writeString(next, b ? SET_B : SET_A, StandardCharsets.ISO_8859_1);
                Files.move(next, root.resolve("hosts.allow"), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
                b = !b;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void settle() throws InterruptedException {
        System.gc();
        Thread.sleep(2500); // idle pool threads the JVM and Jetty start lazily end in this time
    }

    private static long openFileDescriptors() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private static Set<String> threadNames() {
        // The JDK's shared "process reaper" pool (started by any child process in this JVM, such as
        // another test's spawn) keeps idle threads for 60 s: not the engine's, not a leak.
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> !t.getName().startsWith("process reaper"))
                .map(t -> t.getName() + "#" + t.getId()).collect(Collectors.toCollection(TreeSet::new));
    }
}
