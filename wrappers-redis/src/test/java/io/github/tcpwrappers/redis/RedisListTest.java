/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.redis;

import io.github.tcpwrappers.testing.BanRules;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.ListStartup;
import io.github.tcpwrappers.testing.ManualClock;
import io.github.tcpwrappers.testing.RedisServer;
import io.github.tcpwrappers.testing.StderrLines;
import io.github.tcpwrappers.spi.ListSink;
import io.github.tcpwrappers.testing.TcpRelay;
import io.github.tcpwrappers.value.ListEntry;
import io.github.tcpwrappers.value.ListStatus;
import io.github.tcpwrappers.value.Network;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A list in a real redis-server, started by the test in its own directory on a free loopback port. */
class RedisListTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private Path ban;

    @BeforeEach
    void rules() throws Exception {
        ban = BanRules.write(dir);
    }

    private static AccessRequest from(String client) {
        return AccessRequest.of("sshd", new InetSocketAddress(client, 40000), new InetSocketAddress("127.0.0.1", 22));
    }

    private HostsAccess engine(String uri) throws Exception {
        return engine(RedisList.builder(RedisURI.create(uri)).checkInterval(Duration.ofMillis(200)).build(),
                HostsAccess.builder());
    }

    private HostsAccess engine(RedisList list, HostsAccess.Builder builder) throws Exception {
        return builder.directory(dir).bindList(ban, list).build();
    }

    private static boolean denied(HostsAccess access, String client) throws Exception {
        return access.checkBlocking(from(client), WAIT).denied();
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(10);
        }
    }

    private static BooleanSupplier deniedNow(HostsAccess access, String client, boolean want) {
        return () -> {
            try {
                return denied(access, client) == want;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
    }

    @Test
    void aBanOnOneEngineIsSeenByAnotherWithinASecondAndSoIsTheUnban() throws Exception {
        try (RedisServer redis = RedisServer.start(dir.resolve("redis"), false);
                HostsAccess a = engine(redis.uri()); HostsAccess b = engine(redis.uri())) {
            assertTrue(a.awaitLists(WAIT) && b.awaitLists(WAIT));
            assertFalse(denied(b, "127.0.0.5"));
            long start = System.nanoTime();
            a.ban(ban, Network.parse("127.0.0.5"), Duration.ofHours(1), "ssh brute force").toCompletableFuture().join();
            eventually("b refuses 127.0.0.5", deniedNow(b, "127.0.0.5", true));
            long took = (System.nanoTime() - start) / 1_000_000;
            assertTrue(took < 1000, "seen by the other engine after " + took + " ms");
            ListEntry entry = b.listEntries(InetAddress.getByName("127.0.0.5")).get(0).entry();
            assertEquals("ssh brute force", entry.reason());
            assertTrue(entry.origin().startsWith("tcpwrappers@"));
            assertEquals("1", redis.command("ZCARD", "tcpwrappers:{bans}:entries"));
            a.unban(ban, Network.parse("127.0.0.5")).toCompletableFuture().join();
            eventually("b grants 127.0.0.5 again", deniedNow(b, "127.0.0.5", false));
            assertEquals("0", redis.command("ZCARD", "tcpwrappers:{bans}:entries"));
            System.out.println("redis ban seen by the other engine after " + took + " ms");
        }
    }

    @Test
    void anEntryExpiresAtEveryEngineByItsClockWithoutAnyMessage() throws Exception {
        ManualClock clock = ManualClock.at(Instant.now());
        try (RedisServer redis = RedisServer.start(dir.resolve("redis"), false);
                HostsAccess a = engine(RedisList.builder(RedisURI.create(redis.uri())).build(),
                        HostsAccess.builder().clock(clock))) {
            a.awaitLists(WAIT);
            a.ban(ban, Network.parse("127.0.0.0/24"), Duration.ofMinutes(10), "scan").toCompletableFuture().join();
            assertTrue(denied(a, "127.0.0.99"));
            clock.advance(Duration.ofMinutes(10));
            assertFalse(denied(a, "127.0.0.99"));
        }
    }

    /** How a Redis keeps its data across a restart: an append-only file, an RDB snapshot on shutdown, or not at all. */
    enum Persistence {
        AOF(true), RDB(true, "--save", "3600 1"), NONE(false);

        final boolean keeps;
        final String[] options;

        Persistence(boolean keeps, String... options) {
            this.keeps = keeps;
            this.options = options;
        }

        RedisServer start(Path dir) throws Exception {
            return RedisServer.start(dir, this == AOF, options);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Persistence.class)
    void aRestartedRedisKeepsItsBansOnlyWithItsData(Persistence persistence) throws Exception {
        boolean persistent = persistence.keeps;
        try (RedisServer redis = persistence.start(dir.resolve("redis")); HostsAccess a = engine(redis.uri())) {
            a.awaitLists(WAIT);
            a.ban(ban, Network.parse("127.0.0.7"), Duration.ofHours(1), "x").toCompletableFuture().join();
            eventually("in force", deniedNow(a, "127.0.0.7", true));
            redis.stop();
            eventually("down is noticed", () -> a.lists().get(0).state() == ListStatus.State.SNAPSHOT);
            assertTrue(denied(a, "127.0.0.7"), "the last list stays in force while Redis is down");
            redis.restart();
            eventually("live again", () -> a.lists().get(0).state() == ListStatus.State.LIVE);
            eventually("the list is Redis's after the restart", deniedNow(a, "127.0.0.7", persistent));
        }
    }

    @Test
    void bansChangedWhileAnEngineWasCutOffAreRightAfterItReconnects() throws Exception {
        try (RedisServer redis = RedisServer.start(dir.resolve("redis"), false); TcpRelay relay = TcpRelay.to(redis.port());
                HostsAccess writer = engine(redis.uri());
                HostsAccess cutOff = engine("redis://127.0.0.1:" + relay.port())) {
            assertTrue(writer.awaitLists(WAIT) && cutOff.awaitLists(WAIT));
            writer.ban(ban, Network.parse("127.0.0.11"), Duration.ofHours(1), "a").toCompletableFuture().join();
            writer.ban(ban, Network.parse("127.0.0.12"), Duration.ofHours(1), "b").toCompletableFuture().join();
            eventually("both in force", deniedNow(cutOff, "127.0.0.12", true));
            relay.cut();
            eventually("the outage is noticed", () -> cutOff.lists().get(0).state() == ListStatus.State.SNAPSHOT);
            writer.unban(ban, Network.parse("127.0.0.11")).toCompletableFuture().join();
            writer.ban(ban, Network.parse("127.0.0.13"), Duration.ofHours(1), "c").toCompletableFuture().join();
            assertTrue(denied(cutOff, "127.0.0.11"), "the last list stays while cut off");
            assertFalse(denied(cutOff, "127.0.0.13"));
            relay.restore();
            eventually("the unban arrives", deniedNow(cutOff, "127.0.0.11", false));
            eventually("the new ban arrives", deniedNow(cutOff, "127.0.0.13", true));
            assertTrue(denied(cutOff, "127.0.0.12"));
            assertEquals(ListStatus.State.LIVE, cutOff.lists().get(0).state());
        }
    }

    @Test
    void aWrongPasswordIsAClearErrorNamingTheSource() throws Exception {
        try (RedisServer redis = RedisServer.start(dir.resolve("redis"), false, "--requirepass", "right");
                HostsAccess a = engine(redis.uri("wrong"))) {
            assertFalse(a.awaitLists(Duration.ofSeconds(2)));
            ListStatus status = a.lists().get(0);
            assertEquals(ListStatus.State.WAITING, status.state());
            String error = status.lastError().orElseThrow();
            assertTrue(error.startsWith("redis://127.0.0.1:" + redis.port() + "/0 list bans: authentication failed"),
                    error);
            assertFalse(error.contains("wrong"), "the password is never shown: " + error);
            CompletionException write = assertThrows(CompletionException.class, () -> a.ban(ban,
                    Network.parse("127.0.0.5"), Duration.ofHours(1), "x").toCompletableFuture().join());
            assertTrue(write.getCause().getMessage().contains("authentication failed"), write.getCause().getMessage());
            assertFalse(denied(a, "127.0.0.6"), "serving the file rules meanwhile");
        }
    }

    @Test
    void anotherToolWritingTheDocumentedLayoutIsHeardAndMalformedEntriesAreRefused() throws Exception {
        try (RedisServer redis = RedisServer.start(dir.resolve("redis"), false); HostsAccess a = engine(redis.uri())) {
            a.awaitLists(WAIT);
            String later = Long.toString(Instant.now().plusSeconds(3600).toEpochMilli());
            redis.command("ZADD", "tcpwrappers:{bans}:entries", later, "127.0.0.21", "+inf", "127.0.1.0/24",
                    later, "not-an-address", later, "127.0.0.1/24", later, "x".repeat(100_000), later, "127.0.0.22",
                    "1", "127.0.0.23");
            redis.command("HSET", "tcpwrappers:{bans}:meta", "127.0.0.21", "fail2ban@web-4\tsshd", "127.0.0.22",
                    "evil\u001b]0;owned\u0007\tx");
            redis.command("INCR", "tcpwrappers:{bans}:version");
            redis.command("PUBLISH", "tcpwrappers:{bans}:changes", "resync");
            eventually("the tool's entries in force", deniedNow(a, "127.0.1.200", true));
            assertTrue(denied(a, "127.0.0.21"));
            assertEquals("fail2ban@web-4",
                    a.listEntries(InetAddress.getByName("127.0.0.21")).get(0).entry().origin());
            assertFalse(denied(a, "127.0.0.22"), "control characters in its meta: refused");
            assertFalse(denied(a, "127.0.0.23"), "expired in 1970");
            assertEquals(2, a.lists().get(0).entries());
        }
    }

    @Test
    void aListOverTheLimitIsRefusedAndTheLastOneStays() throws Exception {
        try (RedisServer redis = RedisServer.start(dir.resolve("redis"), false);
                HostsAccess a = engine(RedisList.builder(RedisURI.create(redis.uri())).maxEntries(3)
                        .checkInterval(Duration.ofMillis(200)).build(), HostsAccess.builder())) {
            a.awaitLists(WAIT);
            a.ban(ban, Network.parse("127.0.0.31"), Duration.ofHours(1), "x").toCompletableFuture().join();
            String later = Long.toString(Instant.now().plusSeconds(3600).toEpochMilli());
            redis.command("ZADD", "tcpwrappers:{bans}:entries", later, "127.0.0.32", later, "127.0.0.33", later,
                    "127.0.0.34");
            redis.command("INCR", "tcpwrappers:{bans}:version");
            eventually("refused", () -> a.lists().get(0).lastError().map(e -> e.contains("limit of 3")).orElse(false));
            assertTrue(denied(a, "127.0.0.31"));
            assertFalse(denied(a, "127.0.0.32"));
        }
    }

    @Test
    void anEngineStartedWithRedisDownServesItsFileRulesUntilTheListArrives() throws Exception {
        Files.writeString(dir.resolve("hosts.deny"), "ALL : " + ban + "\nALL : 127.0.0.3\n");
        try (RedisServer redis = RedisServer.start(dir.resolve("redis"), true)) {
            redis.command("ZADD", "tcpwrappers:{bans}:entries", "+inf", "127.0.0.41");
            redis.stop();
            try (StderrLines log = StderrLines.capture(); HostsAccess open = engine(redis.uri());
                    HostsAccess closed = engine(RedisList.builder(RedisURI.create(redis.uri())).build(),
                            HostsAccess.builder().listStartup(ListStartup.DENY_ALL))) {
                assertFalse(open.awaitLists(Duration.ofMillis(500)));
                eventually("an ERROR naming the list and its source", () -> log.containing("ERROR").stream()
                        .anyMatch(l -> l.contains("list " + ban + ": redis://127.0.0.1:" + redis.port() + "/0 list bans")));
                assertTrue(open.lists().get(0).lastError().orElseThrow().startsWith(
                        "redis://127.0.0.1:" + redis.port() + "/0 list bans: "));
                assertFalse(denied(open, "127.0.0.41"));
                assertTrue(denied(open, "127.0.0.3"), "the file rules are served");
                assertTrue(denied(closed, "127.0.0.42"), "DENY_ALL refuses everyone until the list arrives");
                redis.restart();
                assertTrue(open.awaitLists(WAIT) && closed.awaitLists(WAIT));
                assertTrue(denied(open, "127.0.0.41"));
                assertFalse(denied(closed, "127.0.0.42"));
            }
        }
    }

    @Test
    void expiriesKeepRunningWhileRedisIsDown() throws Exception {
        ManualClock clock = ManualClock.at(Instant.now());
        try (RedisServer redis = RedisServer.start(dir.resolve("redis"), false);
                HostsAccess a = engine(RedisList.builder(RedisURI.create(redis.uri())).checkInterval(Duration.ofMillis(200))
                        .build(), HostsAccess.builder().clock(clock))) {
            assertTrue(a.awaitLists(WAIT));
            a.ban(ban, Network.parse("127.0.0.51"), Duration.ofMinutes(10), "short").toCompletableFuture().join();
            a.ban(ban, Network.parse("127.0.0.52"), Duration.ofHours(2), "long").toCompletableFuture().join();
            redis.stop();
            eventually("down is noticed", () -> a.lists().get(0).state() == ListStatus.State.SNAPSHOT);
            assertTrue(denied(a, "127.0.0.51") && denied(a, "127.0.0.52"));
            clock.advance(Duration.ofMinutes(11));
            assertFalse(denied(a, "127.0.0.51"), "lapsed while Redis was down: no message needed");
            assertTrue(denied(a, "127.0.0.52"), "the longer ban stays");
            assertEquals(ListStatus.State.SNAPSHOT, a.lists().get(0).state());
        }
    }

    @Test
    void aHungRedisIsBoundedByTheCommandTimeoutNamedAsTheSourceAndTheLastListStays() throws Exception {
        try (RedisServer redis = RedisServer.start(dir.resolve("redis"), false);
                HostsAccess a = engine(RedisList.builder(RedisURI.create(redis.uri())).checkInterval(Duration.ofMillis(200))
                        .commandTimeout(Duration.ofMillis(500)).build(), HostsAccess.builder())) {
            assertTrue(a.awaitLists(WAIT));
            a.ban(ban, Network.parse("127.0.0.61"), Duration.ofHours(1), "x").toCompletableFuture().join();
            redis.pause(); // SIGSTOP: the socket stays open, nothing answers
            try {
                eventually("the hang is noticed", () -> a.lists().get(0).lastError().isPresent());
                String error = a.lists().get(0).lastError().orElseThrow();
                assertTrue(error.startsWith("redis://127.0.0.1:" + redis.port() + "/0 list bans: "), error);
                assertTrue(error.contains("RedisCommandTimeoutException"), error);
                assertEquals(ListStatus.State.SNAPSHOT, a.lists().get(0).state());
                assertTrue(denied(a, "127.0.0.61"), "the last list stays in force");
                assertFalse(denied(a, "127.0.0.62"));
            } finally {
                redis.resume();
            }
            eventually("live again once Redis answers", () -> a.lists().get(0).state() == ListStatus.State.LIVE);
            a.ban(ban, Network.parse("127.0.0.62"), Duration.ofHours(1), "y").toCompletableFuture().join();
            assertTrue(denied(a, "127.0.0.62"));
        }
    }

    /** A sink that keeps the bans it was given and when each update came; an outage fails the test. */
    private static final class KeptSink implements ListSink {
        final Map<Network, ListEntry> held = new ConcurrentHashMap<>();
        final List<Long> updatedAt = new CopyOnWriteArrayList<>();

        static KeptSink startedBy(RedisList reader) {
            KeptSink sink = new KeptSink();
            reader.start(sink);
            return sink;
        }

        @Override
        public void replace(Collection<ListEntry> entries) {
            entries.forEach(e -> held.put(e.network(), e));
        }

        @Override
        public void update(Collection<ListEntry> added, Collection<Network> removed) {
            updatedAt.add(System.nanoTime());
            removed.forEach(held::remove);
            added.forEach(e -> held.put(e.network(), e));
        }

        @Override
        public void unavailable(String message) {
            throw new AssertionError(message);
        }
    }

    /** A sink that keeps what it was given, counts deliveries, and holds up the first update till released. */
    private static final class HeldSink implements ListSink {
        final Map<Network, ListEntry> held = new ConcurrentHashMap<>();
        final AtomicInteger deliveries = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void replace(Collection<ListEntry> entries) {
            held.clear();
            entries.forEach(e -> held.put(e.network(), e));
            deliveries.incrementAndGet();
        }

        @Override
        public void update(Collection<ListEntry> added, Collection<Network> removed) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            removed.forEach(held::remove);
            added.forEach(e -> held.put(e.network(), e));
            deliveries.incrementAndGet();
        }

        @Override
        public void unavailable(String message) {
            throw new AssertionError(message);
        }
    }

    @Test
    void messagesQueuedMeanwhileArriveAsOneUpdateThatEndsAsTheirLastWordOnEachNetwork() throws Exception {
        try (RedisServer redis = RedisServer.start(dir.resolve("redis"), false);
                RedisList writer = RedisList.builder(RedisURI.create(redis.uri())).build();
                RedisList reader = RedisList.builder(RedisURI.create(redis.uri())).build()) {
            HeldSink sink = new HeldSink();
            reader.start(sink);
            eventually("the first read", () -> sink.deliveries.get() == 1);
            Instant later = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS); // Redis keeps ms
            Map<Network, ListEntry> expected = new HashMap<>();
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                ListEntry e = new ListEntry(Network.parse("127.0." + (i / 250) + "." + (i % 250 + 1)), later, "t", "b" + i);
                writes.add(writer.ban(e).toCompletableFuture());
                expected.put(e.network(), e);
            }
            for (int i = 0; i < 1000; i += 10) {
                Network n = Network.parse("127.0." + (i / 250) + "." + (i % 250 + 1));
                writes.add(writer.unban(n).toCompletableFuture());
                expected.remove(n);
            }
            Network again = Network.parse("127.0.9.9");
            writes.add(writer.ban(new ListEntry(again, later, "t", "first")).toCompletableFuture());
            writes.add(writer.unban(again).toCompletableFuture());
            ListEntry last = new ListEntry(again, later, "t", "last");
            writes.add(writer.ban(last).toCompletableFuture());
            expected.put(again, last);
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
            Thread.sleep(200); // the messages reach the reader's queue while its first update is held up
            sink.release.countDown();
            eventually("every change in force", () -> sink.held.equals(expected));
            int deliveries = sink.deliveries.get();
            assertTrue(deliveries <= 10, writes.size() + " messages came as " + deliveries + " deliveries");
            assertEquals("last", sink.held.get(again).reason());
        }
    }

    @Test
    void aStormIsAppliedAsAtMostOneUpdateEvery20MillisecondsAndALoneBanAfterItAsOneOfItsOwn() throws Exception {
        try (RedisServer redis = RedisServer.start(dir.resolve("redis"), false);
                RedisList writer = RedisList.builder(RedisURI.create(redis.uri())).build();
                RedisList reader = RedisList.builder(RedisURI.create(redis.uri())).build()) {
            KeptSink sink = KeptSink.startedBy(reader);
            Map<Network, ListEntry> held = sink.held;
            // A storm: 2,000 bans in bursts of 100 every 10 ms, as FleetBanLoad's, about 200 messages.
            Instant later = Instant.now().plus(Duration.ofHours(1));
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                writes.add(writer.ban(new ListEntry(Network.parse("127.2." + (i / 250) + "." + (i % 250 + 1)), later,
                        "t", "storm")).toCompletableFuture());
                if (i % 100 == 99) {
                    Thread.sleep(10);
                }
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
            eventually("the storm in force", () -> held.size() == 2000);
            // Drains start at least 20 ms apart, so n updates span at least (n - 1) x 20 ms less the first one's own time.
            List<Long> updatedAt = sink.updatedAt;
            int n = updatedAt.size();
            long spanMillis = TimeUnit.NANOSECONDS.toMillis(updatedAt.get(n - 1) - updatedAt.get(0));
            assertTrue(n <= 3 + spanMillis / 20, n + " updates in " + spanMillis + " ms");
            // Then a lone ban, after a quiet spell: one update of its own (the spacing is from the last drain).
            Thread.sleep(100);
            long banned = System.nanoTime();
            writer.ban(new ListEntry(Network.parse("127.2.9.9"), later, "t", "lone")).toCompletableFuture().join();
            eventually("the lone ban in force", () -> held.containsKey(Network.parse("127.2.9.9")));
            assertEquals(n + 1, updatedAt.size());
            assertTrue(updatedAt.get(n) > banned);
        }
    }

    @Test
    void loneBansCloseTogetherWaitForNoSpacing() throws Exception {
        try (RedisServer redis = RedisServer.start(dir.resolve("redis"), false);
                RedisList writer = RedisList.builder(RedisURI.create(redis.uri())).build();
                RedisList reader = RedisList.builder(RedisURI.create(redis.uri())).build()) {
            Map<Network, ListEntry> held = KeptSink.startedBy(reader).held;
            Instant later = Instant.now().plus(Duration.ofHours(1));
            writer.ban(new ListEntry(Network.parse("127.3.0.1"), later, "t", "first")).toCompletableFuture().join();
            eventually("the first ban heard", () -> held.size() == 1);
            // 50 bans one after another, each heard before the next is sent: were lone bans spaced
            // 20 ms apart at the writer or the reader, this would take at least 49 x 20 ms.
            long t0 = System.nanoTime();
            for (int i = 2; i <= 51; i++) {
                Network n = Network.parse("127.3.0." + i);
                writer.ban(new ListEntry(n, later, "t", "lone")).toCompletableFuture().join();
                while (!held.containsKey(n)) {
                    Thread.onSpinWait();
                }
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(millis < 49 * 20, "50 lone bans took " + millis + " ms");
        }
    }

    @Test
    void aBurstOfBansGoesOutAsAFewMessagesWhoseLinesCarryEveryBanInVersionOrder() throws Exception {
        try (RedisServer redis = RedisServer.start(dir.resolve("redis"), false);
                RedisList writer = RedisList.builder(RedisURI.create(redis.uri())).build();
                HostsAccess reader = engine(redis.uri())) {
            reader.awaitLists(WAIT);
            RedisClient client = RedisClient.create(redis.uri());
            try (StatefulRedisPubSubConnection<String, String> heard = client.connectPubSub()) {
                List<String> messages = new CopyOnWriteArrayList<>();
                heard.addListener(new RedisPubSubAdapter<String, String>() {
                    @Override
                    public void message(String channel, String message) {
                        messages.add(message);
                    }
                });
                heard.sync().subscribe("tcpwrappers:{bans}:changes");
                Instant later = Instant.now().plus(Duration.ofHours(1));
                List<CompletableFuture<Void>> writes = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    writes.add(writer.ban(new ListEntry(Network.parse("127.1." + (i / 250) + "." + (i % 250 + 1)), later,
                            "t", "burst")).toCompletableFuture());
                }
                CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
                eventually("every line heard", () -> messages.stream().mapToInt(m -> m.split("\n").length).sum() == 1000);
                assertTrue(messages.size() <= 100, "1,000 bans went out as " + messages.size() + " messages");
                List<String> lines = messages.stream().flatMap(m -> List.of(m.split("\n")).stream()).toList();
                for (int i = 0; i < lines.size(); i++) {
                    String[] f = lines.get(i).split("\t", -1);
                    assertEquals(List.of(Integer.toString(i + 1), "ban", "127.1." + (i / 250) + "." + (i % 250 + 1)),
                            List.of(f[0], f[1], f[2]), lines.get(i));
                }
                assertEquals("1000", redis.command("GET", "tcpwrappers:{bans}:version"));
            } finally {
                client.shutdown();
            }
            eventually("the whole burst in force", () -> reader.lists().get(0).entries() == 1000);
            assertTrue(denied(reader, "127.1.3.250"));
        }
    }

    @Test
    void aToolPublishingSeveralLinesInOneMessageIsHeardLineByLine() throws Exception {
        // No version check within the test, so only the message can bring the bans in.
        try (RedisServer redis = RedisServer.start(dir.resolve("redis"), false);
                HostsAccess a = engine(RedisList.builder(RedisURI.create(redis.uri())).checkInterval(Duration.ofHours(1))
                        .build(), HostsAccess.builder())) {
            a.awaitLists(WAIT);
            String later = Long.toString(Instant.now().plusSeconds(3600).toEpochMilli());
            redis.command("ZADD", "tcpwrappers:{bans}:entries", later, "127.0.0.31", later, "127.0.0.32");
            redis.command("INCRBY", "tcpwrappers:{bans}:version", "3");
            redis.command("PUBLISH", "tcpwrappers:{bans}:changes", "1\tban\t127.0.0.31\t" + later + "\tfail2ban\tsshd\n"
                    + "2\tban\t127.0.0.32\t" + later + "\tfail2ban\tsshd\n" + "3\tunban\t127.0.0.99");
            eventually("both bans in force", () -> a.lists().get(0).entries() == 2);
            assertTrue(denied(a, "127.0.0.31"));
            assertTrue(denied(a, "127.0.0.32"));
            assertEquals("fail2ban", a.listEntries(InetAddress.getByName("127.0.0.32")).get(0).entry().origin());
        }
    }

    @Test
    void aReadJitterSpreadsTheFleetsFirstReadsOverItsSpanAndEachStillReadsOnce() throws Exception {
        try (RedisServer redis = RedisServer.start(dir.resolve("redis"), false)) {
            redis.command("ZADD", "tcpwrappers:{bans}:entries", "+inf", "127.0.0.41");
            List<RedisList> fleet = new ArrayList<>();
            Map<Integer, Long> firstRead = new ConcurrentHashMap<>();
            AtomicInteger reads = new AtomicInteger();
            long t0 = System.nanoTime();
            try {
                for (int i = 0; i < 8; i++) {
                    int server = i;
                    RedisList list = RedisList.builder(RedisURI.create(redis.uri())).readJitter(Duration.ofSeconds(2)).build();
                    fleet.add(list);
                    list.start(new ListSink() {
                        @Override
                        public void replace(Collection<ListEntry> entries) {
                            firstRead.putIfAbsent(server, System.nanoTime() - t0);
                            reads.incrementAndGet();
                        }

                        @Override
                        public void update(Collection<ListEntry> added, Collection<Network> removed) {
                        }

                        @Override
                        public void unavailable(String message) {
                            throw new AssertionError(message);
                        }
                    });
                }
                eventually("every server's first read", () -> firstRead.size() == 8);
                List<Long> millis = firstRead.values().stream().map(n -> n / 1_000_000).sorted().toList();
                assertTrue(millis.get(7) - millis.get(0) >= 200, "first reads spread over " + millis);
                assertTrue(millis.get(7) < 2_000 + 3_000, "within the jitter and a margin: " + millis);
                Thread.sleep(500);
                assertEquals(8, reads.get(), "one read each: " + millis);
            } finally {
                fleet.forEach(RedisList::close);
            }
        }
    }

    @Test
    void aNegativeReadJitterIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> RedisList.builder(RedisURI.create("redis://127.0.0.1")).readJitter(Duration.ofMillis(-1)));
    }

    @Test
    void bansAskedForAfterCloseFailAtOnceEveryTime() throws Exception {
        try (RedisServer redis = RedisServer.start(dir.resolve("redis"), false)) {
            RedisList list = RedisList.builder(RedisURI.create(redis.uri())).build();
            list.ban(new ListEntry(Network.parse("127.0.0.51"), ListEntry.NEVER, "t", "before")).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            list.close();
            for (int i = 0; i < 3; i++) {
                CompletableFuture<Void> late = list.ban(new ListEntry(Network.parse("127.0.0.52"), ListEntry.NEVER, "t",
                        "after")).toCompletableFuture();
                ExecutionException refused = assertThrows(ExecutionException.class, () -> late.get(10, TimeUnit.SECONDS));
                assertTrue(refused.getCause().getMessage().contains("closed"), refused.getCause().getMessage());
            }
        }
    }
}
