/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.DecisionLog;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.ReloadStatus;
import io.github.tcpwrappers.testing.Dnsmasq;
import io.github.tcpwrappers.testing.Resources;
import io.github.tcpwrappers.testing.SoakRules;
import io.github.tcpwrappers.testing.UdpRelay;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/**
 * Soak: many connections from 127.0.0.1..127.0.0.8 through one {@link HostsAccessHandler} on a
 * real server, while hosts.allow swaps between two rule sets every 100 ms and the DNS server
 * stops answering for a few seconds, under BlockHound and the PARANOID leak detector.
 *
 * <p>The two rule sets, and the verdict each client may get under each with DNS up and down, are
 * {@link SoakRules}: everything but a lookup's must hold through the outage. Afterwards open file
 * descriptors and threads are back where they started.
 *
 * <p>Tagged {@code soak}: the default build leaves it out; the {@code soak} profile runs it with
 * 100,000 connections ({@code -Dsoak.connections=100000}). {@code -Dtests.excludedGroups=} without
 * the profile runs a shorter one of 10,000.
 */
@Tag("soak")
class HostsAccessSoakTest {
    private static final int CLIENT_THREADS = 8;
    private static final SoakRules RULES = new SoakRules("soak");

    @TempDir
    Path dir;

    @Test
    void verdictsStayRightThroughReloadsAndADnsOutageAndNothingLeaks() throws Exception {
        NettyChecks.install();
        int connections = Integer.getInteger("soak.connections", 10_000);
        // A short run first, so that what the JVM starts once (timer threads, JIT, selector
        // providers) is already there when the baseline is taken.
        run(dir.resolve("warmup"), 400, false);
        Resources before = Resources.settled();

        Outcome outcome = run(dir.resolve("soak"), connections, true);

        System.out.printf("soak: %d connections (%d granted, %d denied) in %.1f s, %d reloads, "
                        + "%d DNS packets dropped during a %d ms outage, %d connections decided entirely within it%n",
                connections, outcome.granted, connections - outcome.granted, outcome.seconds, outcome.reloads,
                outcome.dropped, outcome.outageMillis, outcome.lookupFailureVerdicts);
        assertEquals(List.of(), outcome.wrong, "verdicts not right for the rules in force");
        assertTrue(outcome.reloads >= 10, "the rules reloaded: " + outcome.reloads);
        assertTrue(outcome.dropped > 0, "the DNS server went silent while names were asked");
        assertTrue(outcome.lookupFailureVerdicts > 0, "some connections were decided while DNS was silent");
        NettyChecks.assertNoBlockingCalls();
        NettyChecks.assertNoLeaks();

        before.assertNothingLeft("soak");
    }

    private record Outcome(List<String> wrong, int granted, long reloads, long dropped, long outageMillis,
            long lookupFailureVerdicts, double seconds) {
    }

    private Outcome run(Path root, int connections, boolean outage) throws Exception {
        RULES.writeTo(root);
        AtomicLong reloads = new AtomicLong();
        Map<String, Boolean> decided = new ConcurrentHashMap<>();
        List<String> wrong = new ArrayList<>();
        try (Dnsmasq dns = Dnsmasq.start(SoakRules.DNSMASQ_RECORDS);
                UdpRelay relay = new UdpRelay(dns.address())) {
            HostsAccess access;
            Loopback.Server server;
            NettyDnsHostNameResolver names;
            // The resolver lives on the server's event loop group, so it is built once the group is.
            NettyDnsHostNameResolver[] resolver = new NettyDnsHostNameResolver[1];
            access = HostsAccess.builder().directory(root)
                    .hostNameResolver(address -> resolver[0].verifiedName(address))
                    .reloadInterval(Duration.ofMillis(50))
                    // hosts.allow is renamed over whole every 100 ms: a short settle lets each set come into force.
                    .settleTime(Duration.ofMillis(20))
                    // tcpd's log line for each of 100,000 connections is not what is tested here
                    .decisionLog(DecisionLog.builder().logger("io.github.tcpwrappers.soak")
                            .grantedLevel(Level.DEBUG).deniedLevel(Level.DEBUG).build())
                    .reloadListener(event -> {
                        if (event.applied()) {
                            reloads.incrementAndGet();
                        }
                    })
                    .listener((request, decision, took) -> decided.put(
                            request.clientAddressText() + ":" + request.client().orElseThrow().getPort(),
                            decision.granted()))
                    .build();
            server = new Loopback.Server(new HostsAccessHandler(access, "soak"));
            names = NettyDnsHostNameResolver.create(server.group.next(), relay.address(), Duration.ofSeconds(1));
            resolver[0] = names;
            AtomicInteger done = new AtomicInteger();
            AtomicInteger granted = new AtomicInteger();
            AtomicLong lookupFailureVerdicts = new AtomicLong();
            ConcurrentLinkedQueue<String> mistakes = new ConcurrentLinkedQueue<>();
            long outageMillis = 0;
            long start = System.nanoTime();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS);
            Thread swapper = RULES.startSwapping(root);
            try {
                List<Future<?>> work = new ArrayList<>();
                AtomicInteger next = new AtomicInteger();
                for (int t = 0; t < CLIENT_THREADS; t++) {
                    work.add(clients.submit(() -> {
                        int i;
                        while ((i = next.getAndIncrement()) < connections && mistakes.size() < 20) {
                            int client = i % SoakRules.CLIENTS;
                            connectOnce(access, relay, server.v4, client, decided, granted, lookupFailureVerdicts,
                                    mistakes);
                            done.incrementAndGet();
                        }
                        return null;
                    }));
                }
                if (outage) {
                    while (done.get() < connections * 2 / 5 && !allDone(work)) {
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
                server.close();
                names.close();
                access.close();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            wrong.addAll(mistakes);
            return new Outcome(wrong, granted.get(), reloads.get(), relay.dropped(), outageMillis,
                    lookupFailureVerdicts.get(), seconds);
        }
    }

    private static boolean allDone(List<Future<?>> work) {
        return work.stream().allMatch(Future::isDone);
    }

    /** One connection from 127.0.0.(client+1); records a mistake when its verdict is not right. */
    private static void connectOnce(HostsAccess access, UdpRelay relay, InetSocketAddress to, int client,
            Map<String, Boolean> decided, AtomicInteger granted, AtomicLong lookupFailureVerdicts,
            ConcurrentLinkedQueue<String> mistakes) {
        String from = "127.0.0." + (client + 1);
        ReloadStatus before = access.status().rules();
        long switchesBefore = relay.switches();
        boolean silentBefore = relay.silent();
        boolean got;
        int port;
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(to, 5000);
            socket.setSoTimeout(10_000);
            port = socket.getLocalPort();
            got = greeted(socket);
        } catch (IOException e) {
            mistakes.add(from + ": " + e);
            return;
        }
        ReloadStatus after = access.status().rules();
        boolean dnsSteady = relay.switches() == switchesBefore;
        Set<Character> allowed = SoakRules.allowed(client, before, after, dnsSteady, silentBefore);
        char verdict = got ? 'G' : 'D';
        if (!allowed.contains(verdict)) {
            mistakes.add(String.format("%s got %s; allowed %s (%s)", from, verdict, allowed,
                    SoakRules.circumstances(before, after, dnsSteady, silentBefore)));
        }
        Boolean engine = decided.remove(from + ":" + port);
        if (engine == null || engine != got) {
            mistakes.add(from + ":" + port + " saw " + verdict + " but the engine decided " + engine);
        }
        if (got) {
            granted.incrementAndGet();
        }
        if (dnsSteady && silentBefore) {
            lookupFailureVerdicts.incrementAndGet();
        }
    }

    /** Whether the application greeted us (granted) rather than the channel closing silently (denied). */
    private static boolean greeted(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[256];
        StringBuilder got = new StringBuilder();
        while (true) {
            int n;
            try {
                n = in.read(buf);
            } catch (SocketException reset) {
                n = -1;
            }
            if (n < 0) {
                if (got.length() > 0) {
                    throw new IOException("partial greeting: " + got);
                }
                return false;
            }
            got.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
            if (got.indexOf("\r\n") >= 0) {
                if (!got.toString().startsWith("hello ")) {
                    throw new IOException("unexpected greeting: " + got);
                }
                return true;
            }
        }
    }
}
