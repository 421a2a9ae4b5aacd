/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.spi.HostNameResolver;
import io.github.tcpwrappers.value.Decision;
import io.github.tcpwrappers.value.HostName;
import io.github.tcpwrappers.value.RuleLocation;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The engine end to end: real files, socket addresses, lookups only when a reached rule needs them. */
class HostsAccessTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    /** Strict mode refuses a missing table: each test writes the one it needs over these. */
    @BeforeEach
    void emptyTables() throws IOException {
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), "");
    }

    private static AccessRequest from(String client) {
        return AccessRequest.of("sshd", new InetSocketAddress(client, 40000), new InetSocketAddress("127.0.0.1", 22));
    }

    @Test
    void allowFileThenDenyFileFirstMatchWinsDefaultGrant() throws Exception {
        Files.writeString(dir.resolve("hosts.allow"), "sshd: 127.0.0.0/255.255.255.0 EXCEPT 127.0.0.3\n");
        Files.writeString(dir.resolve("hosts.deny"), "sshd: 127.0.0.0/8\nin.ftpd: ALL\n");
        try (HostsAccess access = HostsAccess.builder().directory(dir).build()) {
            assertTrue(access.checkBlocking(from("127.0.0.1"), WAIT).granted());
            Decision excepted = access.checkBlocking(from("127.0.0.3"), WAIT);
            assertTrue(excepted.denied());
            assertEquals(new RuleLocation(dir.resolve("hosts.deny").toString(), 1), excepted.rule().orElseThrow());
            assertTrue(access.checkBlocking(from("127.1.0.1"), WAIT).denied());
            Decision other = access.checkBlocking(from("10.0.0.1"), WAIT);
            assertTrue(other.granted());
            assertTrue(other.rule().isEmpty(), "no rule matched: granted by default");
        }
    }

    @Test
    void aBuilderChangedAfterBuildLeavesTheRunningEngineAsItWasBuilt() throws Exception {
        Files.writeString(dir.resolve("hosts.deny"), "sshd: 127.0.0.2\n");
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("hosts.allow"), "");
        Files.writeString(elsewhere.resolve("hosts.deny"), "ALL: ALL\n");
        List<Decision> first = new CopyOnWriteArrayList<>();
        List<Decision> late = new CopyOnWriteArrayList<>();
        List<ReloadEvent> lateReloads = new CopyOnWriteArrayList<>();
        HostsAccess.Builder builder = HostsAccess.builder().directory(dir).listener((r, d, t) -> first.add(d));
        try (HostsAccess access = builder.build()) {
            builder.listener((r, d, t) -> late.add(d)).reloadListener(lateReloads::add).directory(elsewhere)
                    .mode(Mode.LIBWRAP);
            assertTrue(access.checkBlocking(from("127.0.0.3"), WAIT).granted(), "still the files it was built on");
            assertTrue(access.checkBlocking(from("127.0.0.2"), WAIT).denied());
            access.reload();
            assertEquals(2, first.size(), "the listener given before build() hears every decision");
            assertEquals(List.of(), late, "a listener added afterwards hears nothing");
            assertEquals(List.of(), lateReloads, "nor does a reload listener added afterwards");
            try (HostsAccess second = builder.build()) {
                assertTrue(second.checkBlocking(from("127.0.0.3"), WAIT).denied(), "a new build takes the new files");
                assertEquals(1, late.size());
            }
        }
    }

    @Test
    void generationCountsTheLoadsPutInForce() throws Exception {
        try (HostsAccess access = HostsAccess.builder().directory(dir).settleTime(Duration.ZERO).build()) {
            assertEquals(1, access.generation());
            Files.writeString(dir.resolve("hosts.deny"), "sshd: 127.0.0.2\n");
            access.reload();
            // The write may also be seen by the engine's own watch: at least one load more.
            assertTrue(access.generation() >= 2, "a reload put in force counts: " + access.generation());
            assertEquals(access.status().generation(), access.generation());
            assertTrue(access.checkBlocking(from("127.0.0.2"), WAIT).denied());
        }
    }

    @Test
    void requestsStoppedByARuleWithoutOptionsShareOneDecision() throws Exception {
        Files.writeString(dir.resolve("hosts.deny"), "sshd: 127.0.0.2\nsshd: 127.0.0.3: severity auth.notice\n");
        try (HostsAccess access = HostsAccess.builder().directory(dir).build()) {
            Decision first = access.checkBlocking(from("127.0.0.2"), WAIT);
            assertTrue(first.denied());
            assertEquals(new RuleLocation(dir.resolve("hosts.deny").toString(), 1), first.rule().orElseThrow());
            assertSame(first, access.checkBlocking(from("127.0.0.2"), WAIT), "nothing per request to record");
            Decision withOptions = access.checkBlocking(from("127.0.0.3"), WAIT);
            assertEquals(2, withOptions.rule().orElseThrow().line());
            assertNotSame(withOptions, access.checkBlocking(from("127.0.0.3"), WAIT), "options run per request");
        }
    }

    @Test
    void namesAreLookedUpOnlyWhenAReachedPatternNeedsThem() throws Exception {
        Files.writeString(dir.resolve("hosts.deny"), "sshd: 10.0.0.1\nsshd: .example.com\n");
        AtomicInteger lookups = new AtomicInteger();
        HostNameResolver resolver = address -> {
            lookups.incrementAndGet();
            return CompletableFuture.supplyAsync(() -> new HostName.Verified("host.example.com"));
        };
        try (HostsAccess access = HostsAccess.builder().directory(dir).hostNameResolver(resolver).build()) {
            assertTrue(access.checkBlocking(from("10.0.0.1"), WAIT).denied());
            assertEquals(0, lookups.get(), "the first rule decided on the address alone");
            Decision byName = access.checkBlocking(from("10.0.0.2"), WAIT);
            assertTrue(byName.denied());
            assertEquals(2, byName.rule().orElseThrow().line());
            assertEquals(1, lookups.get());
        }
    }

    @Test
    void aLookupThatFailsCountsAsUnknown() throws Exception {
        Files.writeString(dir.resolve("hosts.deny"), "sshd: UNKNOWN\n");
        HostNameResolver broken = address -> CompletableFuture.failedFuture(new IllegalStateException("dns down"));
        try (HostsAccess access = HostsAccess.builder().directory(dir).hostNameResolver(broken).build()) {
            // UNKNOWN matches the address first in libwrap; use a known address so the name decides.
            assertTrue(access.checkBlocking(from("10.0.0.9"), WAIT).denied());
        }
    }

    @Test
    void aLookupThatNeverAnswersCountsAsUnknownAfterTheLookupTimeout() throws Exception {
        Files.writeString(dir.resolve("hosts.deny"), "sshd: UNKNOWN\n");
        HostNameResolver silent = address -> new CompletableFuture<>();
        try (HostsAccess access = HostsAccess.builder().directory(dir).hostNameResolver(silent)
                .lookupTimeout(Duration.ofMillis(200)).build()) {
            long start = System.nanoTime();
            assertTrue(access.checkBlocking(from("10.0.0.9"), WAIT).denied());
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(took >= 200 && took < WAIT.toMillis(), "decided after the timeout, took " + took + " ms");
        }
    }

    @Test
    void optionsTravelInTheDecisionExpanded() throws Exception {
        Files.createDirectories(dir.resolve("banners"));
        Files.writeString(dir.resolve("banners/sshd"), "Go away %a\n");
        Files.writeString(dir.resolve("hosts.deny"),
                "sshd: ALL : setenv WHO %a : spawn echo %d %a : severity auth.notice : banners " + dir.resolve("banners") + "\n");
        List<Decision> heard = new CopyOnWriteArrayList<>();
        try (HostsAccess access = HostsAccess.builder().directory(dir)
                .listener((request, decision, took) -> heard.add(decision)).build()) {
            Decision d = access.checkBlocking(from("127.0.0.2"), WAIT);
            assertTrue(d.denied());
            assertEquals("Go away 127.0.0.2\r\n", d.banner().orElseThrow());
            assertEquals("echo sshd 127.0.0.2", d.spawns().get(0).commandLine());
            assertEquals("127.0.0.2", d.spawns().get(0).environment().get("WHO"));
            assertEquals(37, d.severity().orElseThrow());
            assertEquals(List.of(d), heard);
        }
    }

    @Test
    void ipv6ClientsMatchBracketedPatterns() throws Exception {
        Files.writeString(dir.resolve("hosts.deny"), "sshd: [::1] [2001:db8::]/32\n");
        try (HostsAccess access = HostsAccess.builder().directory(dir).build()) {
            assertTrue(access.checkBlocking(from("::1"), WAIT).denied());
            assertTrue(access.checkBlocking(from("2001:db8:0:0::7"), WAIT).denied());
            assertTrue(access.checkBlocking(from("2001:db9::7"), WAIT).granted());
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "10.0.0.1, 10.0.0.1",
        "::1, ::1",
        "::, ::",
        "2001:db8:0:0:0:0:0:1, 2001:db8::1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "fe80:0:0:0:1:0:0:0, fe80::1:0:0:0",
        "1:0:2:3:4:5:6:7, 1:0:2:3:4:5:6:7",
        "::10.0.0.1, ::10.0.0.1",
        "2001:DB8::A, 2001:db8::a",
    })
    void addressesAreWrittenAsInetNtopWritesThem(String input, String expected) throws Exception {
        assertEquals(expected, AccessRequest.format(InetAddress.getByName(input)));
    }

    @Test
    void unixSocketPeersAreUnknownClients() throws Exception {
        Files.writeString(dir.resolve("hosts.deny"), "sshd: UNKNOWN\n");
        try (HostsAccess access = HostsAccess.builder().directory(dir).build()) {
            AccessRequest unix = AccessRequest.of("sshd", UnixDomainSocketAddress.of("/tmp/x.sock"), null);
            assertEquals("unknown", unix.clientAddressText());
            assertTrue(access.checkBlocking(unix, WAIT).denied());
        }
    }
}
