/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.MemoryListSource;
import io.github.tcpwrappers.testing.Await;
import io.github.tcpwrappers.testing.ManualClock;
import io.github.tcpwrappers.value.ListEntry;
import io.github.tcpwrappers.value.ListStatus;
import io.github.tcpwrappers.value.Network;
import io.github.tcpwrappers.value.VerdictChange;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The compact list: membership by longest prefix, expiries at decision time, overlay and fold. */
class LiveListTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final ManualClock clock = ManualClock.at(T0);
    private final List<VerdictChange> changes = new CopyOnWriteArrayList<>();
    private final LiveList list = new LiveList(Path.of("/etc/hosts.ban"), MemoryListSource.named("t"), clock, 1_000_000,
            changes::add, false);

    private static ListEntry entry(String network, Duration ttl) {
        return new ListEntry(Network.parse(network), T0.plus(ttl), "test", "reason");
    }

    @ParameterizedTest(name = "{0} in [203.0.113.7, 198.51.100.0/24, 2001:db8::/32, 2001:db8:1::5, 10.0.0.0/8]: {1}")
    @CsvSource({
        "203.0.113.7, true",
        "203.0.113.8, false",
        "198.51.100.0, true",
        "198.51.100.255, true",
        "198.51.101.1, false",
        "10.200.3.4, true",
        "11.0.0.1, false",
        "::ffff:203.0.113.7, true",
        "::ffff:198.51.100.9, true",
        "2001:db8::1, true",
        "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff, true",
        "2001:db9::1, false",
        "2001:db8:1::5, true",
        "2001:0db8:0001:0000:0000:0000:0000:0005, true",
        "fe80::1%eth0, false",
        "::1, false",
        "unknown, false",
        "203.0.113, false",
        "1.2.3.4.5, false",
        "2001:db8::1::2, false",
    })
    void anAddressIsInWhenAnyEntryHoldsIt(String address, boolean in) {
        list.replace(List.of(entry("203.0.113.7", Duration.ofHours(1)), entry("198.51.100.0/24", Duration.ofHours(1)),
                entry("2001:db8::/32", Duration.ofHours(1)), entry("2001:db8:1::5", Duration.ofHours(1)),
                new ListEntry(Network.parse("10.0.0.0/8"), ListEntry.NEVER, "test", "permanent")));
        assertEquals(in, list.contains(address));
    }

    @Test
    void anEntryStopsCountingWhenItExpiresWithoutAnyDelivery() {
        list.replace(List.of(entry("203.0.113.7", Duration.ofMinutes(10)), entry("203.0.113.0/24", Duration.ofHours(1))));
        assertEquals(Network.parse("203.0.113.7"), list.match(address("203.0.113.7")).orElseThrow().entry().network(),
                "the most specific entry first");
        clock.advance(Duration.ofMinutes(10));
        assertEquals(Network.parse("203.0.113.0/24"), list.match(address("203.0.113.7")).orElseThrow().entry().network(),
                "the /32 expired: the /24 still holds it");
        clock.advance(Duration.ofMinutes(50));
        assertFalse(list.contains("203.0.113.7"));
        assertFalse(list.contains("203.0.113.200"));
    }

    @Test
    void aRemovalHidesTheBaseEntryAndAnAdditionReplacesIt() {
        list.replace(List.of(entry("203.0.113.7", Duration.ofHours(1)), entry("203.0.113.8", Duration.ofHours(1))));
        list.update(List.of(), List.of(Network.parse("203.0.113.7")));
        assertFalse(list.contains("203.0.113.7"));
        assertTrue(list.contains("203.0.113.8"));
        list.update(List.of(entry("203.0.113.8", Duration.ofMinutes(1))), List.of());
        clock.advance(Duration.ofMinutes(2));
        assertFalse(list.contains("203.0.113.8"), "the shorter ban replaced the longer one, and it lapsed");
        list.update(List.of(entry("203.0.113.9", Duration.ofHours(1))), List.of());
        assertFalse(list.contains("203.0.113.8"), "an expired overlay entry still hides the older base entry");
        assertTrue(list.contains("203.0.113.9"));
    }

    @Test
    void aListStaysInForceThroughAnOutageAndSaysSo() {
        assertEquals(ListStatus.State.WAITING, list.status().state());
        list.replace(List.of(entry("203.0.113.7", Duration.ofHours(1))));
        assertEquals(ListStatus.State.LIVE, list.status().state());
        list.unavailable("connection refused");
        ListStatus down = list.status();
        assertEquals(ListStatus.State.SNAPSHOT, down.state());
        assertEquals("connection refused", down.lastError().orElseThrow());
        assertTrue(list.contains("203.0.113.7"));
        list.replace(List.of());
        assertEquals(ListStatus.State.LIVE, list.status().state());
        assertFalse(list.contains("203.0.113.7"));
    }

    @Test
    void aDeliveryOverTheEntryLimitIsRefusedAndTheListInForceStays() {
        LiveList small = new LiveList(Path.of("/l"), MemoryListSource.named("t"), clock, 2, changes::add, false);
        small.replace(List.of(entry("203.0.113.1", Duration.ofHours(1))));
        small.replace(List.of(entry("203.0.113.2", Duration.ofHours(1)), entry("203.0.113.3", Duration.ofHours(1)),
                entry("203.0.113.4", Duration.ofHours(1))));
        assertTrue(small.contains("203.0.113.1"));
        assertFalse(small.contains("203.0.113.2"));
        small.update(List.of(entry("203.0.113.5", Duration.ofHours(1)), entry("203.0.113.6", Duration.ofHours(1))),
                List.of());
        assertFalse(small.contains("203.0.113.5"));
        assertTrue(small.status().lastError().orElseThrow().contains("limit of 2"));
    }

    @Test
    void changesNameTheirNetworksAndExpiriesAreToldBySweeps() {
        list.replace(List.of());
        assertEquals(new VerdictChange.ListReplaced(Path.of("/etc/hosts.ban")), changes.get(0));
        list.update(List.of(entry("203.0.113.7", Duration.ofSeconds(30))), List.of(Network.parse("198.51.100.0/24")));
        VerdictChange.ListChanged changed = (VerdictChange.ListChanged) changes.get(1);
        assertTrue(changed.concerns(address("203.0.113.7")));
        assertTrue(changed.concerns(address("198.51.100.77")));
        assertFalse(changed.concerns(address("203.0.113.8")));
        list.sweep();
        assertEquals(2, changes.size(), "nothing expired yet");
        clock.advance(Duration.ofSeconds(31));
        list.sweep();
        assertTrue(changes.get(2).concerns(address("203.0.113.7")));
    }

    /**
     * A reader beside a writer whose batches of bans, then unbans, keep folds running: a
     * reader that sees one entry of a batch sees all of it (in or out), and no batch in force is
     * lost when a fold's new base goes in force.
     */
    @ParameterizedTest(name = "batches of {0}")
    @ValueSource(ints = {50, 500}) // 50: several batches share the newest level before it is merged
    void aDecisionSeesAllOfAnUpdateOrNoneOfItWhileFoldsRun(int size) throws Exception {
        int batches = 20_000 / size;
        List<ListEntry> initial = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            initial.add(entry(batchAddress(batches + i / size, i % size), Duration.ofHours(1)));
        }
        list.replace(initial);
        AtomicInteger published = new AtomicInteger(-1);
        AtomicInteger removing = new AtomicInteger(-1);
        AtomicBoolean done = new AtomicBoolean();
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicInteger checks = new AtomicInteger();
        Thread reader = new Thread(() -> {
            Random random = new Random(7);
            while (!done.get() && failures.size() < 5) {
                int b = random.nextInt(batches);
                boolean addedBefore = b <= published.get();
                boolean firstIn = list.contains(batchAddress(b, 0));
                int in = firstIn ? 1 : 0;
                for (int i = 1; i < size; i++) {
                    in += list.contains(batchAddress(b, i)) ? 1 : 0;
                }
                boolean untouched = removing.get() < b;
                if (firstIn && untouched && in != size || addedBefore && !firstIn && in != 0
                        || addedBefore && untouched && in != size) {
                    failures.add("batch " + b + ": " + in + " of " + size + " in (first " + (firstIn ? "in" : "out")
                            + ", added before the check: " + addedBefore + ")");
                }
                checks.incrementAndGet();
            }
        });
        reader.start();
        for (int b = 0; b < batches; b++) {
            List<ListEntry> batch = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                batch.add(entry(batchAddress(b, i), Duration.ofHours(1)));
            }
            list.update(batch, List.of());
            published.set(b);
        }
        for (int b = 0; b < batches; b++) {
            List<Network> batch = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                batch.add(Network.parse(batchAddress(b, i)));
            }
            removing.set(b);
            list.update(List.of(), batch);
        }
        Await.until("the last fold", Duration.ofSeconds(30), () -> !list.folding());
        done.set(true);
        reader.join(30_000);
        assertEquals(List.of(), failures);
        assertTrue(list.folds() >= 2, "folds ran under the reader: " + list.folds());
        assertTrue(checks.get() > 0);
        for (int b = 0; b < batches; b++) {
            assertFalse(list.contains(batchAddress(b, size - 1)));
        }
        assertTrue(list.contains(batchAddress(batches, 0)));
    }

    /** The {@code i}th address of batch {@code b}: distinct for every pair, under 100.64.0.0/10. */
    private static String batchAddress(int b, int i) {
        int a = 0x6440_0000 + b * 1024 + i;
        return ((a >>> 24) & 0xFF) + "." + ((a >>> 16) & 0xFF) + "." + ((a >>> 8) & 0xFF) + "." + (a & 0xFF);
    }

    /** A fold drops expired entries only once a sweep has told them, so a fold never hides an expiry from the doors. */
    @Test
    void anEntryExpiredBeforeAFoldIsStillToldByTheNextSweep() throws Exception {
        list.replace(List.of(entry("198.51.100.1", Duration.ofHours(1))));
        List<ListEntry> many = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            many.add(entry(batchAddress(0, i), Duration.ofHours(1)));
        }
        many.add(entry("203.0.113.7", Duration.ofSeconds(10)));
        list.update(many, List.of());
        clock.advance(Duration.ofSeconds(30));
        Await.until("a fold", Duration.ofSeconds(30), () -> list.folds() == 1 && !list.folding());
        changes.clear();
        list.sweep();
        assertEquals(1, changes.size());
        assertTrue(changes.get(0).concerns(address("203.0.113.7")), changes.get(0).toString());
        assertFalse(changes.get(0).concerns(address("198.51.100.1")));
        assertFalse(list.contains("203.0.113.7"));
        assertTrue(list.contains(batchAddress(0, 4999)));
    }

    /**
     * Random bans, unbans and time against a plain map of what should hold: every probe agrees,
     * whether changes come one at a time (kept in the newest level, merged into the overlay every
     * {@link LiveList#RECENT}), a few, or in batches larger than the newest level holds.
     */
    @ParameterizedTest(name = "{0} changes per update")
    @ValueSource(ints = {1, 7, 100, LiveList.RECENT + 1})
    void randomUpdatesAgreeWithAPlainModel(int perUpdate) {
        Random random = new Random(22);
        Map<Network, Long> model = new HashMap<>();
        List<ListEntry> initial = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ListEntry e = randomEntry(random);
            initial.add(e);
            model.put(e.network(), e.expires().toEpochMilli());
        }
        list.replace(initial);
        int rounds = 30_000 / perUpdate;
        int probes = Math.max(1, perUpdate / 2);
        for (int round = 0; round < rounds; round++) {
            List<ListEntry> added = new ArrayList<>();
            List<Network> removed = new ArrayList<>();
            for (int i = 0; i < perUpdate; i++) {
                if (random.nextInt(3) == 0 && !model.isEmpty()) {
                    Network n = randomEntry(random).network();
                    removed.add(n);
                } else {
                    added.add(randomEntry(random));
                }
            }
            for (Network n : removed) {
                model.remove(n);
            }
            for (ListEntry e : added) {
                model.put(e.network(), e.expires().toEpochMilli());
            }
            list.update(added, removed);
            clock.advance(Duration.ofMillis(random.nextInt(20_000 * perUpdate / 100 + 1)));
            for (int probe = 0; probe < probes; probe++) {
                InetAddress a = randomAddress(random);
                assertEquals(modelHolds(model, a, clock.millis()), list.contains(a.getHostAddress()),
                        "round " + round + ": " + a.getHostAddress());
            }
        }
    }

    private ListEntry randomEntry(Random random) {
        InetAddress a = randomAddress(random);
        int prefix = a.getAddress().length == 4 ? 24 + random.nextInt(9) : 120 + random.nextInt(9);
        Network n = new Network(mask(a, prefix), prefix);
        return new ListEntry(n, clock.instant().plusSeconds(60 + random.nextInt(3000)), "o", "r");
    }

    /** Addresses crowded into few networks, so bans overlap and probes hit. */
    private static InetAddress randomAddress(Random random) {
        try {
            if (random.nextBoolean()) {
                return InetAddress.getByAddress(new byte[] {(byte) 198, 51, (byte) random.nextInt(4), (byte) random.nextInt(256)});
            }
            byte[] b = new byte[16];
            b[0] = 0x20;
            b[1] = 0x01;
            b[2] = 0x0d;
            b[3] = (byte) 0xb8;
            b[14] = (byte) random.nextInt(4);
            b[15] = (byte) random.nextInt(256);
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static InetAddress mask(InetAddress a, int prefix) {
        byte[] b = a.getAddress();
        for (int bit = prefix; bit < b.length * 8; bit++) {
            b[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean modelHolds(Map<Network, Long> model, InetAddress a, long now) {
        for (Map.Entry<Network, Long> e : model.entrySet()) {
            if (e.getValue() > now && e.getKey().contains(a)) {
                return true;
            }
        }
        return false;
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
