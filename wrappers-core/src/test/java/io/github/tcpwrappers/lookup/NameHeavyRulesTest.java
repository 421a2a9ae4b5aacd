/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.Mode;
import io.github.tcpwrappers.spi.HostNameResolver;
import io.github.tcpwrappers.testing.Dnsmasq;
import io.github.tcpwrappers.value.Decision;
import io.github.tcpwrappers.value.HostName;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A hosts.allow written to be hostile: 100,000 rules that all need the client's name, against a
 * real DNS server (dnsmasq). Loading stays bounded, and each decision asks DNS at most once (the
 * request keeps the name for every later rule, the cache keeps it for later requests), however
 * many rules need it. Decision times are printed, not asserted (benchmarks live in
 * {@code benchmarks/}).
 */
class NameHeavyRulesTest {
    private static final int RULES = 100_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aHundredThousandRulesThatNeedDnsCostOneLookupPerRequest(Mode mode) throws Exception {
        StringBuilder allow = new StringBuilder(RULES * 32);
        for (int i = 0; i < RULES; i++) {
            allow.append("sshd: .zone").append(i).append(".example.org\n");
        }
        allow.append("sshd: good.example.com\n");
        Files.writeString(dir.resolve("hosts.allow"), allow, StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("hosts.deny"), "ALL: ALL\n", StandardCharsets.US_ASCII);

        try (Dnsmasq dns = ExampleZone.start();
                JdkHostNameResolver jdk = JdkHostNameResolver.builder().dnsServer(dns.url()).build()) {
            AtomicInteger lookups = new AtomicInteger();
            HostNameResolver counting = new HostNameResolver() {
                @Override
                public CompletionStage<HostName> verifiedName(InetAddress address) {
                    lookups.incrementAndGet();
                    return jdk.verifiedName(address);
                }
            };
            long loadStart = System.nanoTime();
            // Both answers must outlive the 40 requests: the default 5 s for a failure (127.0.0.4
            // has no PTR) ran out mid-loop on a loaded machine and the test counted a third lookup.
            CachingHostNameResolver cached = CachingHostNameResolver.builder(counting)
                    .ttl(Duration.ofMinutes(10)).failureTtl(Duration.ofMinutes(10)).build();
            HostsAccess built = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> HostsAccess.builder()
                    .directory(dir).mode(mode).hostNameResolver(cached).build(),
                    "loading 100,000 name rules must not hang");
            long loadMillis = (System.nanoTime() - loadStart) / 1_000_000;
            try (HostsAccess access = built) {
                assertEquals(RULES + 2, access.status().ruleCount());
                long[] nanos = new long[40];
                for (int i = 0; i < nanos.length; i++) {
                    String client = i % 2 == 0 ? "127.0.0.2" : "127.0.0.4"; // verified name / no PTR
                    int before = lookups.get();
                    long start = System.nanoTime();
                    Decision decision = access.checkBlocking(request(client), Duration.ofSeconds(30));
                    nanos[i] = System.nanoTime() - start;
                    assertTrue(lookups.get() - before <= 1, "one lookup at most per request");
                    if (client.equals("127.0.0.2")) {
                        assertTrue(decision.granted(), "good.example.com is allowed by the last rule");
                        assertEquals(RULES + 1, decision.rule().orElseThrow().line());
                    } else {
                        assertTrue(decision.denied(), "a client without a name falls through to ALL: ALL");
                    }
                }
                assertEquals(2, lookups.get(), "one lookup per client: later requests use the cached name");
                long[] sorted = nanos.clone();
                Arrays.sort(sorted);
                System.out.printf("%s: %,d name rules loaded in %d ms; decisions: first %.1f ms (with lookup),"
                                + " median %.1f ms, max %.1f ms over %d requests, %d DNS lookups%n",
                        mode, RULES, loadMillis, nanos[0] / 1e6, sorted[sorted.length / 2] / 1e6,
                        sorted[sorted.length - 1] / 1e6, nanos.length, lookups.get());
            }
        }
    }

    private static AccessRequest request(String client) {
        return AccessRequest.of("sshd", new InetSocketAddress(client, 40000), new InetSocketAddress("127.0.0.1", 22));
    }
}
