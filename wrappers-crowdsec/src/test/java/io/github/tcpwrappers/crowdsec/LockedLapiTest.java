/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.crowdsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.tcpwrappers.value.Network;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The watcher against a LAPI on loopback that refuses its first writes as CrowdSec 1.4.6 on
 * SQLite does under polling load (HTTP 500, "database is locked"): tried again, within a bound.
 */
class LockedLapiTest {
    private static final String LOCKED = "{\"message\":\"unable to create alerts: error while updating decisions: database is locked\"}";

    private final AtomicInteger lockedLeft = new AtomicInteger();
    private final AtomicInteger writes = new AtomicInteger();
    private HttpServer lapi;

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @BeforeEach
    void startLapi() throws IOException {
        lapi = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        lapi.createContext("/v1/watchers/login", exchange -> send(exchange, 200,
                "{\"code\":200,\"expire\":\"" + Instant.now().plus(Duration.ofHours(1)) + "\",\"token\":\"t\"}"));
        lapi.createContext("/v1/", exchange -> {
            writes.incrementAndGet();
            if (lockedLeft.getAndDecrement() > 0) {
                send(exchange, 500, LOCKED);
            } else {
                send(exchange, exchange.getRequestMethod().equals("POST") ? 201 : 200,
                        exchange.getRequestMethod().equals("POST") ? "[\"1\"]" : "{\"nbDeleted\":\"1\"}");
            }
        });
        lapi.start();
    }

    @AfterEach
    void stopLapi() {
        lapi.stop(0);
    }

    private CrowdSecWatcher watcher() {
        return CrowdSecWatcher.builder(URI.create("http://127.0.0.1:" + lapi.getAddress().getPort())).machine("m", "p").build();
    }

    @ParameterizedTest(name = "{0}, locked {1} times")
    @CsvSource({"ban, 1", "ban, 3", "unban, 2"})
    void aWriteRefusedAsLockedIsTriedAgainUntilItIsStored(String write, int locked) throws Exception {
        lockedLeft.set(locked);
        try (CrowdSecWatcher watcher = watcher()) {
            (write.equals("ban") ? watcher.ban(Network.parse("203.0.113.5"), Duration.ofHours(1), "r")
                    : watcher.unban(Network.parse("203.0.113.5"))).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        assertEquals(locked + 1, writes.get(), "each refusal tried again once");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ban", "unban"})
    void aWriteStillLockedAfterFourTriesFailsWithTheLapisWords(String write) {
        lockedLeft.set(Integer.MAX_VALUE);
        try (CrowdSecWatcher watcher = watcher()) {
            ExecutionException failed = assertThrows(ExecutionException.class, () -> (write.equals("ban")
                    ? watcher.ban(Network.parse("203.0.113.5"), Duration.ofHours(1), "r")
                    : watcher.unban(Network.parse("203.0.113.5"))).toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertTrue(failed.getCause().getMessage().contains("HTTP 500") && failed.getCause().getMessage().contains("database is locked"),
                    failed.getCause().getMessage());
        }
        assertEquals(4, writes.get(), "tried four times in all");
    }
}
