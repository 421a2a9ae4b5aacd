/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.spi.HostNameResolver;
import io.github.tcpwrappers.testing.Dnsmasq;
import io.github.tcpwrappers.value.HostName;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cache in front of the real JDK resolver asking dnsmasq; only time is simulated. A counter
 * around the real resolver shows how often the cache asked it.
 */
class CachingHostNameResolverTest {
    private static final Duration TTL = Duration.ofSeconds(60);
    private static final Duration FAILURE_TTL = Duration.ofSeconds(5);

    private static Dnsmasq dns;
    private static JdkHostNameResolver real;

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicInteger asked = new AtomicInteger();
    private final HostNameResolver counted = address -> {
        asked.incrementAndGet();
        return real.verifiedName(address);
    };

    @BeforeAll
    static void startDns() throws Exception {
        dns = ExampleZone.start();
        real = JdkHostNameResolver.builder().dnsServer(dns.url()).timeout(Duration.ofSeconds(3)).build();
    }

    @AfterAll
    static void stopDns() throws Exception {
        real.close();
        dns.close();
    }

    private CachingHostNameResolver cache(HostNameResolver delegate) {
        return CachingHostNameResolver.builder(delegate).ttl(TTL).failureTtl(FAILURE_TTL).nanoTime(now::get).build();
    }

    private static HostName name(HostNameResolver resolver, String address) throws Exception {
        return resolver.verifiedName(InetAddress.getByName(address)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void reusesVerifiedNameUntilItsTtlEnds() throws Exception {
        CachingHostNameResolver cache = cache(counted);
        assertEquals(new HostName.Verified("good.example.com"), name(cache, "127.0.0.2"));
        advance(TTL.minusNanos(1));
        assertEquals(new HostName.Verified("good.example.com"), name(cache, "127.0.0.2"));
        assertEquals(1, asked.get());
        advance(Duration.ofNanos(1));
        assertEquals(new HostName.Verified("good.example.com"), name(cache, "127.0.0.2"));
        assertEquals(2, asked.get());
    }

    @Test
    void keepsFailuresOnlyBriefly() throws Exception {
        CachingHostNameResolver cache = cache(counted);
        assertEquals(HostName.unknown(), name(cache, "127.0.0.4"));
        assertEquals(new HostName.Paranoid("forged.example.com"), name(cache, "127.0.0.3"));
        assertEquals(new HostName.Verified("good.example.com"), name(cache, "127.0.0.2"));
        advance(FAILURE_TTL.minusNanos(1));
        name(cache, "127.0.0.4");
        name(cache, "127.0.0.3");
        assertEquals(3, asked.get(), "failures were not cached at all");
        advance(Duration.ofNanos(1));
        assertEquals(HostName.unknown(), name(cache, "127.0.0.4"));
        assertEquals(new HostName.Paranoid("forged.example.com"), name(cache, "127.0.0.3"));
        assertEquals(new HostName.Verified("good.example.com"), name(cache, "127.0.0.2"));
        assertEquals(5, asked.get(), "failures outlived their TTL, or the verified name did not");
    }

    @Test
    void concurrentRequestsShareOneLookupInFlight() throws Exception {
        try (SilentDnsServer silent = new SilentDnsServer();
                JdkHostNameResolver slow = JdkHostNameResolver.builder().dnsServer(silent.url())
                        .timeout(Duration.ofSeconds(1)).build()) {
            AtomicInteger slowAsked = new AtomicInteger();
            CachingHostNameResolver cache = cache(address -> {
                slowAsked.incrementAndGet();
                return slow.verifiedName(address);
            });
            InetAddress address = InetAddress.getByName("127.0.0.2");
            List<CompletableFuture<HostName>> waiting = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                waiting.add(cache.verifiedName(address).toCompletableFuture());
            }
            assertEquals(1, slowAsked.get());
            for (CompletableFuture<HostName> each : waiting) {
                assertEquals(HostName.unknown(), each.get(10, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void oneCallerCannotSpoilTheSharedAnswer() throws Exception {
        try (SilentDnsServer silent = new SilentDnsServer();
                JdkHostNameResolver slow = JdkHostNameResolver.builder().dnsServer(silent.url())
                        .timeout(Duration.ofMillis(500)).build()) {
            CachingHostNameResolver cache = cache(slow);
            InetAddress address = InetAddress.getByName("127.0.0.2");
            CompletableFuture<HostName> first = cache.verifiedName(address).toCompletableFuture();
            CompletableFuture<HostName> second = cache.verifiedName(address).toCompletableFuture();
            first.complete(new HostName.Verified("spoofed.example.com"));
            first.orTimeout(1, TimeUnit.NANOSECONDS);
            assertEquals(HostName.unknown(), second.get(10, TimeUnit.SECONDS));
            assertEquals(HostName.unknown(), name(cache, "127.0.0.2"));
        }
    }

    @Test
    void delegateThatNeverAnswersCountsAsUnknownAfterTheLookupTimeout() throws Exception {
        try (SilentDnsServer silent = new SilentDnsServer();
                JdkHostNameResolver stuck = JdkHostNameResolver.builder().dnsServer(silent.url())
                        .timeout(Duration.ofSeconds(60)).build()) {
            CachingHostNameResolver cache = CachingHostNameResolver.builder(stuck)
                    .lookupTimeout(Duration.ofMillis(300)).nanoTime(now::get).build();
            CompletableFuture<HostName> name = cache.verifiedName(InetAddress.getByName("127.0.0.2")).toCompletableFuture();
            assertFalse(name.isDone());
            assertEquals(HostName.unknown(), name.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void holdsNoMoreThanMaxEntries() throws Exception {
        CachingHostNameResolver cache = CachingHostNameResolver.builder(counted).maxEntries(8).nanoTime(now::get).build();
        for (int i = 10; i < 30; i++) {
            assertEquals(new HostName.Verified("host" + i + ".example.net"), name(cache, "127.0.0." + i));
            assertTrue(cache.size() <= 8, "cache grew to " + cache.size());
        }
        assertEquals(20, asked.get());
        // The most recent answer is still there: asking again costs no lookup.
        name(cache, "127.0.0.29");
        assertEquals(20, asked.get());
    }

    @Test
    void expiredAnswersAreDroppedFirstWhenFull() throws Exception {
        CachingHostNameResolver cache = CachingHostNameResolver.builder(counted).maxEntries(4).ttl(TTL)
                .nanoTime(now::get).build();
        name(cache, "127.0.0.10");
        name(cache, "127.0.0.11");
        name(cache, "127.0.0.12");
        advance(TTL);
        name(cache, "127.0.0.13");
        name(cache, "127.0.0.14");
        // Three expired, two live: the trim drops exactly the expired ones.
        assertEquals(2, cache.size());
        name(cache, "127.0.0.13");
        name(cache, "127.0.0.14");
        assertEquals(5, asked.get());
    }

    @Test
    void rejectsNonsenseSettings() {
        HostNameResolver none = HostNameResolver.none();
        assertThrows(IllegalArgumentException.class, () -> CachingHostNameResolver.builder(none).ttl(Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> CachingHostNameResolver.builder(none).failureTtl(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> CachingHostNameResolver.builder(none).maxEntries(0));
    }
}
