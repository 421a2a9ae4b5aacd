/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.MemoryListSource;
import io.github.tcpwrappers.value.ListEntry;
import io.github.tcpwrappers.value.Network;
import io.github.tcpwrappers.lookup.JdkHostNameResolver;
import io.github.tcpwrappers.testing.Await;
import io.github.tcpwrappers.testing.DrivenListSource;
import io.github.tcpwrappers.value.CommandLimits;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The meters over a real engine, real files and the system resolver, read from a SimpleMeterRegistry. */
class HostsAccessMetricsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private static AccessRequest from(String daemon, String client) {
        return AccessRequest.of(daemon, new InetSocketAddress(client, 40000), new InetSocketAddress("127.0.0.1", 22));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Await.until(what, WAIT, condition);
    }

    /** The engine of a HostsAccessMetrics bound to {@code registry}. */
    private static HostsAccess metered(SimpleMeterRegistry registry, HostsAccess.Builder builder) {
        return metered(registry, builder, Tags.empty(), HostsAccessMetrics.DEFAULT_MAX_RULES);
    }

    private static HostsAccess metered(SimpleMeterRegistry registry, HostsAccess.Builder builder, Tags tags, int cap) {
        HostsAccessMetrics metrics = HostsAccessMetrics.create(builder, tags, cap);
        metrics.bindTo(registry);
        return metrics.engine();
    }

    private static double count(SimpleMeterRegistry registry, String name, String... tags) {
        var search = registry.find(name).tags(tags);
        return search.counter() != null ? search.counter().count() : search.timer() != null ? search.timer().count() : 0;
    }

    @Test
    void decisionsAreCountedByDaemonVerdictAndRule() throws Exception {
        Files.writeString(dir.resolve("hosts.allow"), "sshd: 127.0.0.1\n");
        Files.writeString(dir.resolve("hosts.deny"), "sshd: 127.0.0.2\nftpd: ALL\n");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (HostsAccess access = metered(registry, HostsAccess.builder().directory(dir))) {
            for (int i = 0; i < 3; i++) {
                access.checkBlocking(from("sshd", "127.0.0.2"), WAIT);
            }
            access.checkBlocking(from("sshd", "127.0.0.1"), WAIT);
            access.checkBlocking(from("sshd", "127.0.0.9"), WAIT);
            access.checkBlocking(from("ftpd", "127.0.0.1"), WAIT);
        }
        assertEquals(3, count(registry, "tcpwrappers.decisions", "daemon", "sshd", "verdict", "denied", "rule", "hosts.deny:1"));
        assertEquals(1, count(registry, "tcpwrappers.decisions", "daemon", "sshd", "verdict", "granted", "rule", "hosts.allow:1"));
        assertEquals(1, count(registry, "tcpwrappers.decisions", "daemon", "sshd", "verdict", "granted", "rule", "none"));
        assertEquals(1, count(registry, "tcpwrappers.decisions", "daemon", "ftpd", "verdict", "denied", "rule", "hosts.deny:2"));
        assertEquals(0, count(registry, "tcpwrappers.decision.lookup.duration"), "no decision needed a lookup");
        assertEquals(3, registry.find("tcpwrappers.rules").gauge().value());
        assertEquals(1, registry.find("tcpwrappers.rules.generation").gauge().value());
    }

    /** Each row: the cap, then how many distinct deny rules are hit; the rules past the cap count as other. */
    @ParameterizedTest(name = "cap {0}, {1} rules hit")
    @CsvSource({"2, 5", "5, 5", "0, 3"})
    void ruleTagsPastTheCapCountAsOther(int cap, int rules) throws Exception {
        StringBuilder deny = new StringBuilder();
        for (int i = 1; i <= rules; i++) {
            deny.append("sshd: 127.0.1.").append(i).append('\n');
        }
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), deny);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (HostsAccess access = metered(registry, HostsAccess.builder().directory(dir), Tags.of("server", "t"), cap)) {
            for (int i = 1; i <= rules; i++) {
                access.checkBlocking(from("sshd", "127.0.1." + i), WAIT);
            }
        }
        int tagged = Math.min(cap, rules);
        for (int i = 1; i <= tagged; i++) {
            assertEquals(1, count(registry, "tcpwrappers.decisions", "rule", "hosts.deny:" + i, "server", "t"));
        }
        assertEquals(rules - tagged, count(registry, "tcpwrappers.decisions", "rule", "other"));
        assertEquals(tagged + (rules > tagged ? 1 : 0), registry.find("tcpwrappers.decisions").counters().size());
    }

    @Test
    void lookupsAreCountedByKindAndResultAndLookedUpDecisionsTimed() throws Exception {
        // 127.0.0.1 is localhost in /etc/hosts; 127.0.0.2 has no name there: a failed lookup.
        Files.writeString(dir.resolve("hosts.allow"), "sshd: localhost\n");
        Files.writeString(dir.resolve("hosts.deny"), "sshd: ALL\n");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (HostsAccess access = metered(registry, HostsAccess.builder().directory(dir)
                .hostNameResolver(JdkHostNameResolver.system()))) {
            assertTrue(access.checkBlocking(from("sshd", "127.0.0.1"), WAIT).granted());
            assertTrue(access.checkBlocking(from("sshd", "127.0.0.2"), WAIT).denied());
        }
        assertEquals(1, count(registry, "tcpwrappers.lookups", "kind", "client_name", "result", "ok"));
        assertEquals(1, count(registry, "tcpwrappers.lookups", "kind", "client_name", "result", "failed"));
        assertEquals(1, count(registry, "tcpwrappers.decision.lookup.duration", "daemon", "sshd", "verdict", "granted"));
        assertEquals(1, count(registry, "tcpwrappers.decision.lookup.duration", "daemon", "sshd", "verdict", "denied"));
    }

    @Test
    void reloadsAreCountedByOutcomeAndTheRulesAgeFromTheLoadInForce() throws Exception {
        Path deny = dir.resolve("hosts.deny");
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(deny, "sshd: 127.0.0.2\n");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (HostsAccess access = metered(registry, HostsAccess.builder().directory(dir)
                .reloadInterval(Duration.ofHours(1)))) {
            Thread.sleep(50);
            double age = registry.find("tcpwrappers.rules.age").gauge().value();
            assertTrue(age >= 0.05 && age < 60, "age " + age);
            Files.writeString(deny, "sshd: 127.0.0.3\n");
            access.reload();
            assertTrue(registry.find("tcpwrappers.rules.age").gauge().value() < age, "a new load is younger");
            Files.writeString(deny, "sshd: 127.0.0.3 : nosuchoption\n");
            access.reload();
        }
        assertEquals(1, count(registry, "tcpwrappers.reloads", "outcome", "applied"));
        assertEquals(1, count(registry, "tcpwrappers.reloads", "outcome", "refused"));
    }

    @Test
    void commandsAreCountedStartedAndRefusedByTheBound() throws Exception {
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), "sshd: ALL : spawn (sleep 1)\n");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (HostsAccess access = metered(registry, HostsAccess.builder().directory(dir)
                .commandLimits(CommandLimits.defaults().withMaxProcesses(1)))) {
            access.checkBlocking(from("sshd", "127.0.0.2"), WAIT);
            access.checkBlocking(from("sshd", "127.0.0.3"), WAIT);
            await("the spawn to start", () -> count(registry, "tcpwrappers.commands", "happening", "started") == 1);
            assertEquals(1, registry.find("tcpwrappers.commands.running").gauge().value());
        }
        assertEquals(1, count(registry, "tcpwrappers.commands", "kind", "spawn", "happening", "started"));
        assertEquals(1, count(registry, "tcpwrappers.commands", "kind", "spawn", "happening", "refused"));
    }

    @Test
    void shadowDifferencesAreCounted() throws Exception {
        Path next = Files.createDirectories(dir.resolve("next"));
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), "");
        Files.writeString(next.resolve("hosts.allow"), "");
        Files.writeString(next.resolve("hosts.deny"), "sshd: 127.0.0.2\n");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (HostsAccess access = metered(registry, HostsAccess.builder().directory(dir).shadowDirectory(next))) {
            access.checkBlocking(from("sshd", "127.0.0.2"), WAIT);
            access.checkBlocking(from("sshd", "127.0.0.1"), WAIT);
            await("the shadow comparisons", () -> access.status().shadow().orElseThrow().compared() == 2);
        }
        assertEquals(1, count(registry, "tcpwrappers.shadow.differences", "daemon", "sshd", "shadow_verdict", "denied"));
    }

    @Test
    void eachBoundListIsMeteredForSizeLagLivenessUpdatesAndFailures() throws Exception {
        Path ban = dir.resolve("hosts.ban");
        Path down = dir.resolve("hosts.down");
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), "ALL : " + ban + " " + down + "\n");
        MemoryListSource fleet = MemoryListSource.named("fleet");
        fleet.replace(List.of(new ListEntry(Network.parse("203.0.113.7"), Instant.now().plusSeconds(3600), "test", "scan")));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DrivenListSource unreachable = DrivenListSource.of("unreachable:test", "unreachable");
        try (HostsAccess access = metered(registry, HostsAccess.builder().directory(dir).bindList(ban, fleet)
                .bindList(down, unreachable))) {
            unreachable.sink().unavailable("connection refused");
            String[] live = {"list", ban.toString(), "source", "memory"};
            String[] dead = {"list", down.toString(), "source", "unreachable"};
            assertEquals(1, registry.find("tcpwrappers.list.entries").tags(live).gauge().value());
            assertEquals(1, registry.find("tcpwrappers.list.live").tags(live).gauge().value());
            assertEquals(1, registry.find("tcpwrappers.list.updates").tags(live).functionCounter().count());
            double lag = registry.find("tcpwrappers.list.lag").tags(live).gauge().value();
            assertTrue(lag >= 0 && lag < 60, "seconds since the snapshot: " + lag);

            access.ban(ban, Network.parse("198.51.100.0/24"), Duration.ofHours(1), "scan").toCompletableFuture()
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(2, registry.find("tcpwrappers.list.entries").tags(live).gauge().value());
            // put in force here at once, then delivered back by the source
            assertEquals(3, registry.find("tcpwrappers.list.updates").tags(live).functionCounter().count());
            assertEquals(0, registry.find("tcpwrappers.list.failures").tags(live).functionCounter().count());

            assertEquals(0, registry.find("tcpwrappers.list.entries").tags(dead).gauge().value());
            assertEquals(0, registry.find("tcpwrappers.list.live").tags(dead).gauge().value());
            assertTrue(Double.isNaN(registry.find("tcpwrappers.list.lag").tags(dead).gauge().value()), "no list yet");
            assertEquals(1, registry.find("tcpwrappers.list.failures").tags(dead).functionCounter().count());
            assertEquals(2, registry.find("tcpwrappers.list.entries").gauges().size(), "one per bound list");
        }
    }
}
