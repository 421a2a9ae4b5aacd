/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.DecisionLog;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.ReloadStatus;
import io.github.tcpwrappers.lookup.JdkHostNameResolver;
import io.github.tcpwrappers.testing.Dnsmasq;
import io.github.tcpwrappers.testing.Resources;
import io.github.tcpwrappers.testing.SoakRules;
import io.github.tcpwrappers.testing.UdpRelay;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/**
 * Soak: many keep-alive HTTP/1.1 requests from 127.0.0.1..127.0.0.8 through one
 * {@link HostsAccessFilter} on a real Jetty server, while hosts.allow swaps between two rule sets
 * every 100 ms and the DNS server (dnsmasq behind a {@link UdpRelay}) stops answering for ~3 s.
 *
 * <p>The two rule sets, and the verdict each client may get under each with DNS up and down, are
 * {@link SoakRules}. Afterwards open file descriptors and threads are back where they started.
 *
 * <p>Tagged {@code soak}: the default build leaves it out; the {@code soak} profile runs it with
 * 100,000 requests ({@code -Dsoak.requests=100000}). {@code -Dtests.excludedGroups=} without the
 * profile runs a shorter one of 10,000.
 */
@Tag("soak")
class HostsAccessFilterSoakTest {
    private static final int CLIENT_THREADS = 8;
    /** Requests one connection carries before the client closes it and moves to the next address. */
    private static final int REQUESTS_PER_CONNECTION = 50;
    private static final SoakRules RULES = new SoakRules("shop");

    @TempDir
    Path dir;

    @Test
    void verdictsStayRightThroughReloadsAndADnsOutageAndNothingLeaks() throws Exception {
        int requests = Integer.getInteger("soak.requests", 10_000);
        try (Dnsmasq dns = Dnsmasq.start(SoakRules.DNSMASQ_RECORDS);
                UdpRelay relay = new UdpRelay(dns.address())) {
            // A short run first, so that what the JVM starts once (JIT, timers, JNDI, selector
            // providers) is already there when the baseline is taken.
            Outcome warmup = run(dir.resolve("warmup"), relay, 400, false);
            assertEquals(List.of(), warmup.wrong, "verdicts in the warm-up");
            Resources before = Resources.settled();

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

            before.assertNothingLeft("filter soak");
        }
    }

    private record Outcome(List<String> wrong, int granted, int connections, long reloads, long dropped,
            long outageMillis, long lookupFailureVerdicts, double seconds) {
    }

    private Outcome run(Path root, UdpRelay relay, int requests, boolean outage) throws Exception {
        RULES.writeTo(root);
        AtomicLong reloads = new AtomicLong();
        long droppedBefore = relay.dropped();
        JdkHostNameResolver names = JdkHostNameResolver.builder()
                .dnsServer("dns://127.0.0.1:" + relay.address().getPort()).timeout(Duration.ofSeconds(1)).build();
        HostsAccess access = HostsAccess.builder().directory(root).hostNameResolver(names)
                .reloadInterval(Duration.ofMillis(50))
                // hosts.allow is renamed over whole every 100 ms: a short settle lets each set come into force.
                .settleTime(Duration.ofMillis(20))
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
        FilterHolder filter = new FilterHolder(HostsAccessFilter.create(access,
                Map.of(HostsAccessFilter.DAEMON, "shop", HostsAccessFilter.DECISION_TIMEOUT, "10s")));
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
        Thread swapper = null;
        try {
            server.start();
            int port = connector.getLocalPort();
            swapper = RULES.startSwapping(root);
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
                                client.open(k++ % SoakRules.CLIENTS);
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
            if (swapper != null) {
                swapper.interrupt();
                swapper.join(5000);
            }
            clients.shutdownNow();
            clients.awaitTermination(10, TimeUnit.SECONDS);
            server.stop();
            access.close();
            names.close();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Outcome(new ArrayList<>(mistakes), granted.get(), connections.get(), reloads.get(),
                relay.dropped() - droppedBefore, outageMillis, lookupFailureVerdicts.get(), seconds);
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
            ReloadStatus before = access.status().rules();
            long switchesBefore = relay.switches();
            boolean silentBefore = relay.silent();
            sent++;
            RawHttp.Response response = connection.get("/r" + i);
            ReloadStatus after = access.status().rules();
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
            Set<Character> allowed = SoakRules.allowed(client, before, after, dnsSteady, silentBefore);
            char verdict = got ? 'G' : 'D';
            if (!allowed.contains(verdict)) {
                mistakes.add(String.format("%s request %d got %s; allowed %s (%s)", from, i, verdict, allowed,
                        SoakRules.circumstances(before, after, dnsSteady, silentBefore)));
            }
            if (got) {
                granted.incrementAndGet();
            }
            if (dnsSteady && silentBefore) {
                lookupFailureVerdicts.incrementAndGet();
            }
        }
    }
}
