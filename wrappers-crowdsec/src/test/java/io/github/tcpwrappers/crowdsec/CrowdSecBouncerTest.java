/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.crowdsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import io.github.tcpwrappers.crowdsec.testing.CrowdSecLapi;
import io.github.tcpwrappers.spi.ListSink;
import io.github.tcpwrappers.value.ListEntry;
import io.github.tcpwrappers.value.Network;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The bouncer against Debian's real CrowdSec LAPI on loopback, driven with cscli. */
class CrowdSecBouncerTest {
    private static final Duration POLL = Duration.ofMillis(200);
    /** Beyond what the design promises, for a loaded CI machine. */
    private static final Duration MARGIN = Duration.ofSeconds(3);
    @RegisterExtension
    static final RealLapi LAPI = new RealLapi();

    private static CrowdSecBouncer bouncer(String name) {
        return CrowdSecBouncer.builder(URI.create(LAPI.get().url())).apiKey(LAPI.get().addBouncer(name)).pollInterval(POLL)
                .maxRetryDelay(Duration.ofMillis(400)).build();
    }

    private static Set<String> networks(CrowdSecBouncer bouncer) {
        return bouncer.bans().stream().map(b -> b.network().toString()).collect(Collectors.toSet());
    }

    private static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void startupPullHoldsEveryIpAndRangeBanWithItsExpiryOriginAndReason() throws Exception {
        LAPI.get().cscli("decisions", "add", "-i", "203.0.113.7", "-d", "1h", "-R", "ssh brute force");
        LAPI.get().cscli("decisions", "add", "-r", "198.51.100.0/24", "-d", "2h");
        LAPI.get().cscli("decisions", "add", "-i", "2001:db8::5", "-d", "1h");
        LAPI.get().cscli("decisions", "add", "-r", "2001:db8:1::/48", "-d", "1h");
        LAPI.get().cscli("decisions", "add", "-i", "192.0.2.99", "-d", "1h", "--type", "captcha");
        Instant before = Instant.now();
        try (CrowdSecBouncer bouncer = bouncer("startup")) {
            bouncer.firstSync().toCompletableFuture().get(10, TimeUnit.SECONDS);
            Set<String> held = networks(bouncer);
            assertTrue(held.containsAll(Set.of("203.0.113.7", "198.51.100.0/24", "2001:db8::5", "2001:db8:1::/48")),
                    held.toString());
            assertFalse(held.contains("192.0.2.99"), "a captcha is not a ban by default: " + held);
            Ban ssh = bouncer.bans().stream().filter(b -> b.network().toString().equals("203.0.113.7")).findFirst().orElseThrow();
            assertEquals("ssh brute force", ssh.reason());
            assertEquals("cscli", ssh.origin());
            assertEquals("ban", ssh.type());
            Duration left = Duration.between(before, ssh.expires());
            assertTrue(left.compareTo(Duration.ofMinutes(59)) > 0 && left.compareTo(Duration.ofMinutes(61)) < 0, left.toString());
            Ban range = bouncer.bans().stream().filter(b -> b.network().toString().equals("198.51.100.0/24")).findFirst().orElseThrow();
            assertTrue(Duration.between(before, range.expires()).compareTo(Duration.ofMinutes(119)) > 0, range.toString());
            assertTrue(bouncer.status().synced());
            assertTrue(bouncer.status().lastError().isEmpty());
        } finally {
            LAPI.get().cscli("decisions", "delete", "--all");
        }
    }

    @Test
    void aBanAddedAfterStartupArrivesAsADeltaAndItsDeletionRemovesIt() throws Exception {
        try (CrowdSecBouncer bouncer = bouncer("delta")) {
            bouncer.firstSync().toCompletableFuture().get(10, TimeUnit.SECONDS);
            LAPI.get().cscli("decisions", "add", "-i", "203.0.113.20", "-d", "1h");
            LAPI.get().cscli("decisions", "add", "-r", "198.51.100.128/25", "-d", "1h");
            await("ban and range seen", Duration.ofSeconds(5),
                    () -> networks(bouncer).containsAll(Set.of("203.0.113.20", "198.51.100.128/25")));
            LAPI.get().cscli("decisions", "delete", "-i", "203.0.113.20");
            await("deleted ban gone", Duration.ofSeconds(5), () -> !networks(bouncer).contains("203.0.113.20"));
            assertTrue(networks(bouncer).contains("198.51.100.128/25"), "the other ban stays");
        } finally {
            LAPI.get().cscli("decisions", "delete", "--all");
        }
    }

    @Test
    void anAddressStaysBannedUntilItsLastDecisionIsDeleted() throws Exception {
        try (CrowdSecBouncer bouncer = bouncer("twice")) {
            bouncer.firstSync().toCompletableFuture().get(10, TimeUnit.SECONDS);
            LAPI.get().cscli("decisions", "add", "-i", "203.0.113.30", "-d", "1h", "-R", "first");
            LAPI.get().cscli("decisions", "add", "-i", "203.0.113.30", "-d", "2h", "-R", "second");
            await("the longer ban seen", Duration.ofSeconds(5), () -> bouncer.bans().stream()
                    .anyMatch(b -> b.network().toString().equals("203.0.113.30") && b.reason().equals("second")));
            LAPI.get().cscli("decisions", "delete", "--id", decisionId("203.0.113.30", "second"));
            long polls = bouncer.status().polls();
            await("three more polls", Duration.ofSeconds(5), () -> bouncer.status().polls() >= polls + 3);
            assertTrue(networks(bouncer).contains("203.0.113.30"), "one decision is left on it");
            LAPI.get().cscli("decisions", "delete", "--id", decisionId("203.0.113.30", "first"));
            await("the last deletion seen", Duration.ofSeconds(5), () -> !networks(bouncer).contains("203.0.113.30"));
        } finally {
            LAPI.get().cscli("decisions", "delete", "--all");
        }
    }

    /**
     * The 1.4.6 delta gap: the LAPI stamps a decision's created_at before its row is committed
     * and a pull moves the bouncer's cursor to the time the pull began, so a decision committed
     * while another bouncer's pull (or its last-pull write) holds SQLite is in no delta. Several
     * bouncers polling fast and two machines writing at once make that window common; every ban
     * must still reach every bouncer within a poll and a margin.
     */
    @Test
    void everyBanOfABurstReachesEveryBouncerWithinAPollAndAMargin() throws Exception {
        burst("fast", UnaryOperator.identity(), Duration.ofMillis(100).plus(MARGIN));
    }

    /** The same with deltas between whole pulls 2 s apart, as a larger list has them. */
    @Test
    void aBanOfABurstThatADeltaLeftOutArrivesWithTheNextWholePull() throws Exception {
        Duration resync = Duration.ofSeconds(2);
        burst("slow", b -> b.resyncBytesPerSecond(1).resyncInterval(resync), resync.plus(Duration.ofMillis(100)).plus(MARGIN));
    }

    /**
     * 120 bans from two machines at once to three bouncers polling every 100 ms, set up by
     * {@code settings} (bouncers and machines named after {@code name}); each must be in force at
     * every bouncer within {@code limit} of the LAPI holding it.
     */
    private static void burst(String name, UnaryOperator<CrowdSecBouncer.Builder> settings, Duration limit) throws Exception {
        int bans = 120;
        Duration poll = Duration.ofMillis(100);
        List<CrowdSecBouncer> bouncers = new ArrayList<>();
        List<Map<String, Long>> seen = new ArrayList<>();
        List<CrowdSecWatcher> writers = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                CrowdSecBouncer bouncer = settings.apply(CrowdSecBouncer.builder(URI.create(LAPI.get().url()))
                        .apiKey(LAPI.get().addBouncer(name + "-bouncer-" + i)).pollInterval(poll)
                        .maxRetryDelay(Duration.ofMillis(400))).build();
                bouncers.add(bouncer);
                Map<String, Long> firstSeen = new ConcurrentHashMap<>();
                seen.add(firstSeen);
                bouncer.start(new FirstSeen(firstSeen));
                bouncer.firstSync().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            for (int i = 0; i < 2; i++) {
                CrowdSecLapi.Machine machine = LAPI.get().addMachine(name + "-writer-" + i);
                writers.add(CrowdSecWatcher.builder(URI.create(LAPI.get().url())).machine(machine.login(), machine.password()).build());
            }
            Map<String, Long> stored = new ConcurrentHashMap<>();
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int i = 0; i < bans; i++) {
                String address = "127.77." + (i / 200) + "." + (i % 200 + 1);
                writes.add(banUntilStored(writers.get(i % writers.size()), address, stored));
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            long last = stored.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            while (System.nanoTime() - last < limit.toNanos() && !seen.stream().allMatch(s -> s.keySet().containsAll(stored.keySet()))) {
                Thread.sleep(10);
            }
            List<String> late = new ArrayList<>();
            for (int b = 0; b < bouncers.size(); b++) {
                for (Map.Entry<String, Long> ban : stored.entrySet()) {
                    Long at = seen.get(b).get(ban.getKey());
                    if (at == null) {
                        late.add(ban.getKey() + " at bouncer " + b + " never");
                    } else if (at - ban.getValue() > limit.toNanos()) {
                        late.add(ban.getKey() + " at bouncer " + b + " after " + (at - ban.getValue()) / 1_000_000 + " ms");
                    }
                }
            }
            assertEquals(List.of(), late, "bans that reached a bouncer later than " + limit + " after the LAPI stored them");
        } finally {
            writers.forEach(CrowdSecWatcher::close);
            bouncers.forEach(CrowdSecBouncer::close);
            LAPI.get().cscli("decisions", "delete", "--all");
        }
    }

    /**
     * Bans {@code address}, again while 1.4.6 answers "database is locked" (nothing was stored),
     * and records when the LAPI held it.
     */
    private static CompletableFuture<Void> banUntilStored(CrowdSecWatcher writer, String address, Map<String, Long> stored) {
        return writer.ban(Network.parse(address), Duration.ofHours(1), "burst").toCompletableFuture()
                .thenRun(() -> stored.put(address, System.nanoTime()))
                .handle((ok, error) -> error == null ? CompletableFuture.<Void>completedFuture(null)
                        : String.valueOf(error.getMessage()).contains("database is locked") ? banUntilStored(writer, address, stored)
                        : CompletableFuture.<Void>failedFuture(error))
                .thenCompose(f -> f);
    }

    /** A sink that notes when each network first came in force. */
    private record FirstSeen(Map<String, Long> at) implements ListSink {
        @Override
        public void replace(Collection<ListEntry> entries) {
            update(entries, List.of());
        }

        @Override
        public void update(Collection<ListEntry> added, Collection<Network> removed) {
            long now = System.nanoTime();
            for (ListEntry entry : added) {
                at.putIfAbsent(entry.network().toString(), now);
            }
        }

        @Override
        public void unavailable(String message) {
        }
    }

    /** The id of the decision on {@code ip} with this reason, from the LAPI's database. */
    private static String decisionId(String ip, String reason) {
        // decisions list shows only the longest decision of a value; alerts list shows each
        String json = LAPI.get().cscli("alerts", "list", "-i", ip, "-o", "json");
        try {
            for (JsonNode alert : new ObjectMapper().readTree(json)) {
                for (JsonNode decision : alert.path("decisions")) {
                    if (decision.path("scenario").asText().equals(reason) && decision.path("value").asText().equals(ip)) {
                        return decision.path("id").asText();
                    }
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cscli alerts list -o json: " + json, e);
        }
        throw new AssertionError("no decision on " + ip + " for " + reason + ": " + json);
    }

    @Test
    void aBanExpiresWhenItsDurationRunsOut() throws Exception {
        try (CrowdSecBouncer bouncer = bouncer("expiry")) {
            bouncer.firstSync().toCompletableFuture().get(10, TimeUnit.SECONDS);
            LAPI.get().cscli("decisions", "add", "-i", "203.0.113.40", "-d", "3s");
            await("short ban seen", Duration.ofSeconds(3), () -> networks(bouncer).contains("203.0.113.40"));
            await("short ban expired", Duration.ofSeconds(5), () -> !networks(bouncer).contains("203.0.113.40"));
        } finally {
            LAPI.get().cscli("decisions", "delete", "--all");
        }
    }

    @Test
    void aWrongApiKeyIsAClearErrorNamingTheLapi() throws Exception {
        try (CrowdSecBouncer bouncer = CrowdSecBouncer.builder(URI.create(LAPI.get().url())).apiKey("not-a-key").pollInterval(POLL)
                .build()) {
            await("an error", Duration.ofSeconds(5), () -> bouncer.status().lastError().isPresent());
            String error = bouncer.status().lastError().orElseThrow();
            assertTrue(error.startsWith("crowdsec " + LAPI.get().url() + ": HTTP 403"), error);
            assertTrue(error.contains("refused this bouncer's API key"), error);
            assertTrue(error.contains("no list yet"), error);
            assertFalse(bouncer.status().synced());
            assertFalse(bouncer.firstSync().toCompletableFuture().isDone());
        }
    }

    @Test
    void whileTheLapiIsDownTheLastListStaysAndAfterItsRestartChangesMadeMeanwhileAreRight() throws Exception {
        try (CrowdSecBouncer bouncer = bouncer("restart")) {
            LAPI.get().cscli("decisions", "add", "-i", "203.0.113.50", "-d", "1h");
            LAPI.get().cscli("decisions", "add", "-i", "203.0.113.51", "-d", "1h");
            await("both seen", Duration.ofSeconds(5), () -> networks(bouncer).containsAll(Set.of("203.0.113.50", "203.0.113.51")));
            LAPI.get().stop();
            await("the outage noticed", Duration.ofSeconds(5), () -> bouncer.status().lastError().isPresent());
            assertTrue(bouncer.status().lastError().orElseThrow().contains("the last list stays in force"),
                    bouncer.status().lastError().orElseThrow());
            assertTrue(networks(bouncer).containsAll(Set.of("203.0.113.50", "203.0.113.51")), "last list kept while down");
            // changed while the bouncer cannot see it: cscli writes the database directly for
            // deletions, so the LAPI is started only to add, and stopped again
            LAPI.get().resume();
            LAPI.get().cscli("decisions", "delete", "-i", "203.0.113.50");
            LAPI.get().cscli("decisions", "add", "-i", "203.0.113.52", "-d", "1h");
            await("resync after restart", Duration.ofSeconds(10), () -> {
                Set<String> held = networks(bouncer);
                return !held.contains("203.0.113.50") && held.containsAll(Set.of("203.0.113.51", "203.0.113.52"));
            });
            await("the error clears", Duration.ofSeconds(5), () -> bouncer.status().lastError().isEmpty());
        } finally {
            LAPI.get().cscli("decisions", "delete", "--all");
        }
    }

    @Test
    void startedWhileTheLapiIsDownItHasNoListUntilTheLapiAnswers() throws Exception {
        String key = LAPI.get().addBouncer("late");
        LAPI.get().cscli("decisions", "add", "-i", "203.0.113.60", "-d", "1h");
        LAPI.get().stop();
        try (CrowdSecBouncer bouncer = CrowdSecBouncer.builder(URI.create(LAPI.get().url())).apiKey(key).pollInterval(POLL)
                .maxRetryDelay(Duration.ofMillis(400)).build()) {
            await("the failure", Duration.ofSeconds(5), () -> bouncer.status().lastError().isPresent());
            String error = bouncer.status().lastError().orElseThrow();
            assertTrue(error.startsWith("crowdsec " + LAPI.get().url() + ": cannot connect"), error);
            assertTrue(error.endsWith("no list yet"), error);
            assertEquals(List.of(), bouncer.bans());
            LAPI.get().resume();
            bouncer.firstSync().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertTrue(networks(bouncer).contains("203.0.113.60"));
        } finally {
            if (!LAPI.get().answers()) {
                LAPI.get().resume();
            }
            LAPI.get().cscli("decisions", "delete", "--all");
        }
    }
}
