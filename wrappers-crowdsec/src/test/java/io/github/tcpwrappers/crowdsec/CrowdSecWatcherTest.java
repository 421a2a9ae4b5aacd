/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.crowdsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.crowdsec.testing.CrowdSecLapi;
import io.github.tcpwrappers.value.Network;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A ban decided in the JVM becomes a decision of the real LAPI that every bouncer enforces. */
class CrowdSecWatcherTest {
    @RegisterExtension
    static final RealLapi LAPI = new RealLapi();

    private static CrowdSecBouncer bouncer(String name) throws Exception {
        // bans written back to back can miss a 1.4.6 delta (see Builder#resyncInterval): resync often here
        CrowdSecBouncer bouncer = CrowdSecBouncer.builder(URI.create(LAPI.get().url())).apiKey(LAPI.get().addBouncer(name))
                .pollInterval(Duration.ofMillis(200)).resyncInterval(Duration.ofSeconds(2)).build();
        bouncer.firstSync().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return bouncer;
    }

    private static CrowdSecWatcher watcher(String name) throws Exception {
        CrowdSecLapi.Machine machine = LAPI.get().addMachine(name);
        return CrowdSecWatcher.builder(URI.create(LAPI.get().url())).machine(machine.login(), machine.password()).origin(name).build();
    }

    private static Optional<Ban> held(CrowdSecBouncer bouncer, String network) {
        return bouncer.bans().stream().filter(b -> b.network().toString().equals(network)).findFirst();
    }

    private static Ban await(CrowdSecBouncer bouncer, String network) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (held(bouncer, network).isEmpty()) {
            assertTrue(System.nanoTime() < end, network + " never reached " + bouncer.name());
            Thread.sleep(10);
        }
        return held(bouncer, network).orElseThrow();
    }

    @Test
    void aBanWrittenByOneServerReachesEveryBouncerWithItsOriginReasonAndTtl() throws Exception {
        try (CrowdSecWatcher watcher = watcher("web-3"); CrowdSecBouncer one = bouncer("server-1");
                CrowdSecBouncer two = bouncer("server-2")) {
            Instant before = Instant.now();
            watcher.ban(Network.parse("203.0.113.80"), Duration.ofMinutes(10), "too many failed logins").toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            watcher.ban(Network.parse("2001:db8:9::/48"), Duration.ofMinutes(5), "scan").toCompletableFuture().get(10, TimeUnit.SECONDS);
            for (CrowdSecBouncer bouncer : List.of(one, two)) {
                Ban ban = await(bouncer, "203.0.113.80");
                assertEquals("web-3", ban.origin());
                assertEquals("too many failed logins", ban.reason());
                Duration left = Duration.between(before, ban.expires());
                assertTrue(left.compareTo(Duration.ofMinutes(9)) > 0 && left.compareTo(Duration.ofMinutes(11)) < 0, left.toString());
                assertEquals("scan", await(bouncer, "2001:db8:9::/48").reason());
            }
        } finally {
            LAPI.get().cscli("decisions", "delete", "--all");
        }
    }

    @Test
    void anUnbanLiftsTheBanEverywhere() throws Exception {
        try (CrowdSecWatcher watcher = watcher("web-4"); CrowdSecBouncer bouncer = bouncer("server-3")) {
            LAPI.get().cscli("decisions", "add", "-r", "198.51.100.0/24", "-d", "1h");
            watcher.ban(Network.parse("203.0.113.81"), Duration.ofMinutes(10), "abuse").toCompletableFuture().get(10, TimeUnit.SECONDS);
            await(bouncer, "203.0.113.81");
            await(bouncer, "198.51.100.0/24");
            watcher.unban(Network.parse("203.0.113.81")).toCompletableFuture().get(10, TimeUnit.SECONDS);
            watcher.unban(Network.parse("198.51.100.0/24")).toCompletableFuture().get(10, TimeUnit.SECONDS);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (held(bouncer, "203.0.113.81").isPresent() || held(bouncer, "198.51.100.0/24").isPresent()) {
                assertTrue(System.nanoTime() < end, "unban not seen: " + bouncer.bans());
                Thread.sleep(10);
            }
        } finally {
            LAPI.get().cscli("decisions", "delete", "--all");
        }
    }

    @Test
    void aWrongPasswordIsAClearErrorNamingTheLapi() throws Exception {
        LAPI.get().addMachine("web-5");
        try (CrowdSecWatcher watcher = CrowdSecWatcher.builder(URI.create(LAPI.get().url())).machine("web-5", "not the password").build()) {
            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> watcher.ban(Network.parse("203.0.113.82"), Duration.ofMinutes(1), "x").toCompletableFuture().get(10, TimeUnit.SECONDS));
            String message = failure.getCause().getMessage();
            assertTrue(message.startsWith("crowdsec watcher " + LAPI.get().url() + ": login as machine \"web-5\" refused: HTTP 401"),
                    message);
            assertTrue(message.contains("incorrect Username or Password"), message);
        }
    }

    @Test
    void writesBeyondTheBoundFailAtOnceWhileTheLapiHangs() throws Exception {
        // a listener that never answers: what a hung LAPI looks like from here
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                CrowdSecWatcher watcher = CrowdSecWatcher.builder(URI.create("http://127.0.0.1:" + silent.getLocalPort()))
                        .machine("web-6", "pw").maxPending(2).requestTimeout(Duration.ofSeconds(2)).build()) {
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                writes.add(watcher.ban(Network.parse("203.0.113." + (100 + i)), Duration.ofMinutes(1), "flood").toCompletableFuture());
            }
            long failedAtOnce = writes.stream().filter(CompletableFuture::isCompletedExceptionally).count();
            assertEquals(7, failedAtOnce, "one running, two waiting, the rest refused");
            ExecutionException dropped = assertThrows(ExecutionException.class, () -> writes.get(9).get());
            assertTrue(dropped.getCause().getMessage().endsWith("2 writes already waiting; this one is dropped"),
                    dropped.getCause().getMessage());
            ExecutionException timedOut = assertThrows(ExecutionException.class, () -> writes.get(0).get(10, TimeUnit.SECONDS));
            assertTrue(timedOut.getCause().getMessage().contains("no whole answer within PT2S"), timedOut.getCause().getMessage());
        }
    }
}
