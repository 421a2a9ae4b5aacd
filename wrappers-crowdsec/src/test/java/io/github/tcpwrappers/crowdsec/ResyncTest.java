/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.crowdsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.tcpwrappers.spi.ListSink;
import io.github.tcpwrappers.value.ListEntry;
import io.github.tcpwrappers.value.Network;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whole pulls again while nothing fails, against a LAPI on loopback whose deltas say nothing, as
 * 1.4.6's do for a decision committed behind a pull's back: the whole pull brings it, hands the
 * engine only the change, and comes as often as its byte budget allows.
 */
class ResyncTest {
    private static final String EMPTY_DELTA = "{\"deleted\":null,\"new\":null}";

    private final AtomicReference<String> whole = new AtomicReference<>(answer("203.0.113.1", "203.0.113.2"));
    private final AtomicInteger wholeAsked = new AtomicInteger();
    private HttpServer lapi;

    private static String answer(String... addresses) {
        return Set.of(addresses).stream().map(a -> "{\"duration\":\"1h\",\"id\":" + a.hashCode() + ",\"origin\":\"cscli\","
                + "\"scenario\":\"s\",\"scope\":\"Ip\",\"type\":\"ban\",\"value\":\"" + a + "\"}")
                .collect(Collectors.joining(",", "{\"deleted\":[],\"new\":[", "]}"));
    }

    @BeforeEach
    void startLapi() throws Exception {
        lapi = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        lapi.createContext("/v1/decisions/stream", exchange -> {
            boolean startup = String.valueOf(exchange.getRequestURI().getQuery()).contains("startup=true");
            if (startup) {
                wholeAsked.incrementAndGet();
            }
            byte[] body = (startup ? whole.get() : EMPTY_DELTA).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        lapi.start();
    }

    @AfterEach
    void stopLapi() {
        lapi.stop(0);
    }

    private CrowdSecBouncer.Builder bouncer() {
        return CrowdSecBouncer.builder(URI.create("http://127.0.0.1:" + lapi.getAddress().getPort())).apiKey("k")
                .pollInterval(Duration.ofMillis(50)).jitter(0);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "not within 5 s: " + what);
            Thread.sleep(10);
        }
    }

    private static Set<String> held(CrowdSecBouncer bouncer) {
        return bouncer.bans().stream().map(b -> b.network().toString()).collect(Collectors.toSet());
    }

    @Test
    void aChangeNoDeltaToldIsInForceAfterTheNextWholePullAndOnlyTheChangeReachesTheEngine() throws Exception {
        Changes changes = new Changes();
        try (CrowdSecBouncer bouncer = bouncer().build()) {
            bouncer.start(changes);
            bouncer.firstSync().toCompletableFuture().get(5, TimeUnit.SECONDS);
            int asked = wholeAsked.get();
            await("two whole pulls more", () -> wholeAsked.get() >= asked + 2);
            assertEquals(List.of("replace [203.0.113.1, 203.0.113.2]"), changes.calls, "an unchanged resync delivers nothing");
            whole.set(answer("203.0.113.1", "203.0.113.3"));
            await("the whole list in force", () -> held(bouncer).equals(Set.of("203.0.113.1", "203.0.113.3")));
            await("the change delivered", () -> changes.calls.size() == 2);
            assertEquals("update [203.0.113.3] - [203.0.113.2]", changes.calls.get(1));
        }
    }

    @Test
    void aLargerListIsPulledWholeLessOftenWithinTheBudget() throws Exception {
        int bytes = whole.get().getBytes(StandardCharsets.UTF_8).length;
        // at a sixtieth of the answer's size a second: a whole pull a minute, 1,200 polls apart
        try (CrowdSecBouncer bouncer = bouncer().resyncBytesPerSecond(bytes / 60).build()) {
            bouncer.firstSync().toCompletableFuture().get(5, TimeUnit.SECONDS);
            long polls = bouncer.status().polls();
            long wholes = bouncer.status().wholePulls();
            await("40 polls more", () -> bouncer.status().polls() >= polls + 40);
            assertEquals(wholes, bouncer.status().wholePulls(), "no whole pull within 40 polls of 50 ms");
            assertEquals(Set.of("203.0.113.1", "203.0.113.2"), held(bouncer));
        }
    }

    @Test
    void noWholePullIsLaterThanTheResyncInterval() throws Exception {
        try (CrowdSecBouncer bouncer = bouncer().resyncBytesPerSecond(1).resyncInterval(Duration.ofMillis(300)).build()) {
            bouncer.firstSync().toCompletableFuture().get(5, TimeUnit.SECONDS);
            whole.set(answer("203.0.113.9"));
            await("the resync", () -> held(bouncer).equals(Set.of("203.0.113.9")));
        }
    }

    /** The calls the engine would get, as text. */
    private static final class Changes implements ListSink {
        final List<String> calls = new CopyOnWriteArrayList<>();

        private static String sorted(Collection<?> items) {
            return items.stream().map(Object::toString).sorted().toList().toString();
        }

        @Override
        public void replace(Collection<ListEntry> entries) {
            calls.add("replace " + sorted(entries.stream().map(ListEntry::network).toList()));
        }

        @Override
        public void update(Collection<ListEntry> added, Collection<Network> removed) {
            calls.add("update " + sorted(added.stream().map(ListEntry::network).toList()) + " - " + sorted(removed));
        }

        @Override
        public void unavailable(String message) {
            calls.add("unavailable " + message);
        }
    }
}
