/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.lists.ListBindings;
import io.github.tcpwrappers.spi.ListSink;
import io.github.tcpwrappers.spi.ListSource;
import io.github.tcpwrappers.testing.Await;
import io.github.tcpwrappers.testing.BanRules;
import io.github.tcpwrappers.testing.ManualClock;
import io.github.tcpwrappers.value.Decision;
import io.github.tcpwrappers.value.ListEntry;
import io.github.tcpwrappers.value.ListMatch;
import io.github.tcpwrappers.value.ListStatus;
import io.github.tcpwrappers.value.Network;
import io.github.tcpwrappers.value.RuleLocation;
import io.github.tcpwrappers.value.VerdictChange;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A /file list path bound to a live list, through the engine's public API. */
class BoundListTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dir;
    private Path ban;
    private final ManualClock clock = ManualClock.at(T0);

    @BeforeEach
    void rules() throws IOException {
        ban = BanRules.write(dir);
        // On disk the list holds 127.0.0.9: what libwrap (and an unbound engine) reads.
        Files.writeString(ban, "127.0.0.9\n");
    }

    private static AccessRequest from(String client) {
        return AccessRequest.of("sshd", new InetSocketAddress(client, 40000), new InetSocketAddress("127.0.0.1", 22));
    }

    private HostsAccess.Builder engine(ListSource source) {
        return HostsAccess.builder().directory(dir).clock(clock).bindList(ban, source);
    }

    @Test
    void aFloodOfChangesBehindASlowSubscriberIsFoldedIntoOneReplacementOfTheList() throws Exception {
        try (HostsAccess access = engine(MemoryListSource.named("bans")).build()) {
            CountDownLatch release = new CountDownLatch(1);
            List<VerdictChange> heard = new CopyOnWriteArrayList<>();
            access.subscribe(change -> {
                heard.add(change);
                try {
                    release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            int bans = 4 * ListBindings.MAX_PENDING;
            for (int i = 0; i < bans; i++) {
                access.ban(ban, Network.parse(floodAddress(i)), Duration.ofHours(1), "flood");
            }
            release.countDown();
            InetAddress last = InetAddress.getByName(floodAddress(bans - 1));
            Await.until("the flood's last ban told", WAIT, () -> heard.stream().anyMatch(c -> c.concerns(last)));
            // Held back by the subscriber, the first MAX_PENDING wait in order; the rest are one ListReplaced.
            assertTrue(heard.size() <= ListBindings.MAX_PENDING + 2, heard.size() + " changes told for " + bans + " bans");
            assertEquals(1, heard.stream().filter(c -> c instanceof VerdictChange.ListReplaced).count());
            for (int i = 0; i < bans; i++) {
                InetAddress client = InetAddress.getByName(floodAddress(i));
                assertTrue(heard.stream().anyMatch(c -> c.concerns(client)), "no change told concerns " + client);
            }
        }
    }

    private static String floodAddress(int i) {
        return "10.1." + (i >> 8) + "." + (i & 255);
    }

    @Test
    void aBanRefusesTheClientAtOnceAndAnUnbanLetsItBackIn() throws Exception {
        try (HostsAccess access = engine(MemoryListSource.named("bans")).build()) {
            assertTrue(access.checkBlocking(from("127.0.0.9"), WAIT).granted(), "the file's contents do not count when bound");
            assertTrue(access.checkBlocking(from("127.0.0.5"), WAIT).granted());
            access.ban(ban, Network.parse("127.0.0.5"), Duration.ofHours(1), "login flood").toCompletableFuture().get();
            Decision refused = access.checkBlocking(from("127.0.0.5"), WAIT);
            assertTrue(refused.denied());
            assertEquals(new RuleLocation(dir.resolve("hosts.deny").toString(), 1), refused.rule().orElseThrow());
            ListMatch match = access.listEntries(InetAddress.getByName("127.0.0.5")).get(0);
            assertEquals("memory:bans", match.status().source());
            assertEquals(ListStatus.State.LIVE, match.status().state());
            assertEquals("login flood", match.entry().reason());
            assertEquals(T0.plus(Duration.ofHours(1)), match.entry().expires());
            access.unban(ban, Network.parse("127.0.0.5")).toCompletableFuture().get();
            assertTrue(access.checkBlocking(from("127.0.0.5"), WAIT).granted());
        }
    }

    @Test
    void anUnboundListPathStaysAnOrdinaryFile() throws Exception {
        try (HostsAccess access = HostsAccess.builder().directory(dir).bindList(dir.resolve("other.ban"),
                MemoryListSource.named("other")).build()) {
            assertTrue(access.checkBlocking(from("127.0.0.9"), WAIT).denied(), "read from the file, as libwrap reads it");
            assertTrue(access.checkBlocking(from("127.0.0.5"), WAIT).granted());
            assertThrows(IllegalArgumentException.class,
                    () -> access.ban(ban, Network.parse("127.0.0.5"), Duration.ofHours(1), "x"));
        }
    }

    @Test
    void aBanExpiresAtDecisionTime() throws Exception {
        try (HostsAccess access = engine(MemoryListSource.named("bans")).build()) {
            access.ban(ban, Network.parse("127.0.0.0/24"), Duration.ofMinutes(10), "scan");
            assertTrue(access.checkBlocking(from("127.0.0.77"), WAIT).denied());
            clock.advance(Duration.ofMinutes(10));
            assertTrue(access.checkBlocking(from("127.0.0.77"), WAIT).granted());
            assertTrue(access.listEntries(InetAddress.getByName("127.0.0.77")).isEmpty());
        }
    }

    @Test
    void oneBanIsSeenByEveryEngineBoundToTheSameList() throws Exception {
        MemoryListSource shared = MemoryListSource.named("fleet");
        try (HostsAccess a = engine(shared).build(); HostsAccess b = engine(shared).build()) {
            a.ban(ban, Network.parse("::1"), Duration.ofHours(1), "abuse");
            AccessRequest v6 = AccessRequest.of("sshd", new InetSocketAddress("::1", 40000),
                    new InetSocketAddress("::1", 22));
            assertTrue(b.checkBlocking(v6, WAIT).denied());
            assertTrue(b.checkBlocking(from("127.0.0.1"), WAIT).granted());
        }
    }

    /** A source that never gets through: down from the start. */
    private static final class UnreachableSource implements ListSource {
        @Override
        public String name() {
            return "unreachable:test";
        }

        @Override
        public void start(ListSink sink) {
            sink.unavailable("connection refused");
        }

        @Override
        public void close() {
        }
    }

    @ParameterizedTest
    @EnumSource(ListStartup.class)
    void withoutItsListAnEngineServesTheFileRulesOrRefusesAsConfigured(ListStartup startup) throws Exception {
        Files.writeString(dir.resolve("hosts.deny"), "ALL : " + ban + "\nALL : 127.0.0.3\n");
        try (HostsAccess access = engine(new UnreachableSource()).listStartup(startup).build()) {
            assertFalse(access.awaitLists(Duration.ofMillis(50)));
            assertEquals(ListStatus.State.WAITING, access.lists().get(0).state());
            assertEquals("connection refused", access.lists().get(0).lastError().orElseThrow());
            assertEquals(startup == ListStartup.SERVE_FILE_RULES, access.checkBlocking(from("127.0.0.5"), WAIT).granted());
            assertTrue(access.checkBlocking(from("127.0.0.3"), WAIT).denied());
        }
    }

    @Test
    void aRuleBansItsClientFleetWideWithoutStartingAProcess() throws Exception {
        Path marker = dir.resolve("ran");
        Path script = dir.resolve("bin/tcpwrappers-ban");
        Files.createDirectories(script.getParent());
        Files.writeString(script, "#!/bin/sh\necho \"$@\" >> " + marker + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path unbound = dir.resolve("unbound.ban");
        Files.writeString(unbound, "");
        Files.writeString(dir.resolve("hosts.deny"), "ALL : " + ban + "\n"
                + "sshd : 127.0.0.6 : spawn " + script + " " + ban + " %a 10m ssh probe from %a\n"
                + "sshd : 127.0.0.7 : spawn " + script + " " + unbound + " %a 10m other\n");
        MemoryListSource shared = MemoryListSource.named("fleet");
        try (HostsAccess door = engine(shared).build(); HostsAccess other = engine(shared).build()) {
            assertTrue(door.checkBlocking(from("127.0.0.6"), WAIT).denied());
            AccessRequest elsewhere = AccessRequest.of("vsftpd", new InetSocketAddress("127.0.0.6", 40000),
                    new InetSocketAddress("127.0.0.1", 21));
            assertTrue(other.checkBlocking(elsewhere, WAIT).denied(), "banned on the other engine too");
            ListEntry entry = other.listEntries(InetAddress.getByName("127.0.0.6")).get(0).entry();
            assertEquals("ssh probe from 127.0.0.6", entry.reason());
            assertEquals(T0.plus(Duration.ofMinutes(10)), entry.expires());
            assertTrue(entry.origin().startsWith("tcpwrappers@"), entry.origin());
            assertTrue(door.checkBlocking(from("127.0.0.7"), WAIT).denied());
            long end = System.nanoTime() + WAIT.toNanos();
            while ((!Files.exists(marker) || Files.size(marker) == 0) && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertEquals(List.of(unbound + " 127.0.0.7 10m other"), Files.readAllLines(marker),
                    "only the unbound list's command ran as a process, as libwrap would run it");
        }
    }

    @Test
    void ruleWrittenBansAreBoundedInRate() throws Exception {
        Files.writeString(dir.resolve("hosts.deny"), "ALL : " + ban + "\nsshd : ALL : spawn tcpwrappers-ban " + ban
                + " %a 1h flood\n");
        try (HostsAccess access = engine(MemoryListSource.named("bans")).bansPerSecond(5).build()) {
            for (int i = 1; i <= 40; i++) {
                access.checkBlocking(from("127.0.1." + i), WAIT);
            }
            int banned = access.lists().get(0).entries();
            assertTrue(banned >= 5 && banned < 40, "at most the bucket and its refill: " + banned);
        }
    }

    @Test
    void subscribersHearWhichNetworksChangedAndReloadsOnlyWhenAskedTo() throws Exception {
        for (boolean onReload : new boolean[] {false, true}) {
            List<VerdictChange> heard = new CopyOnWriteArrayList<>();
            try (HostsAccess access = engine(MemoryListSource.named("bans")).endOpenConnectionsOnReload(onReload)
                    .build()) {
                Thread test = Thread.currentThread();
                List<Thread> tellers = new CopyOnWriteArrayList<>();
                access.subscribe(change -> {
                    tellers.add(Thread.currentThread());
                    heard.add(change);
                });
                access.ban(ban, Network.parse("127.0.0.5"), Duration.ofHours(1), "x");
                Await.until("the ban's change", Duration.ofSeconds(5), () -> !heard.isEmpty());
                VerdictChange change = heard.get(heard.size() - 1);
                assertTrue(change.concerns(InetAddress.getByName("127.0.0.5")));
                assertFalse(change.concerns(InetAddress.getByName("127.0.0.6")));
                // Told on the engine's one verdict-change thread, never the publisher's.
                assertFalse(tellers.contains(test));
                assertEquals(1, tellers.stream().map(Thread::getName).distinct().count());
                heard.clear();
                Files.writeString(dir.resolve("hosts.deny"), "ALL : " + ban + "\nsshd : 127.0.0.8\n");
                access.reload();
                // Changes are told in order: once this later ban is heard, a reload's change would have been too.
                InetAddress marker = InetAddress.getByName("127.0.0.9");
                access.ban(ban, Network.parse("127.0.0.9"), Duration.ofHours(1), "marker");
                Await.until("the marker ban", Duration.ofSeconds(5), () -> heard.stream().anyMatch(
                        c -> c instanceof VerdictChange.ListChanged && c.concerns(marker)));
                assertEquals(onReload ? 1 : 0, heard.stream().filter(c -> c instanceof VerdictChange.RulesReloaded)
                        .count());
            }
        }
    }
}
