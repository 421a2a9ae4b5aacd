/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.crowdsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Answers the real LAPI never gives (huge, slow, malformed) from a tiny HTTP server on loopback:
 * each is refused with a clear error naming the source, within its bounds, and the last good list
 * stays in force.
 */
class BrokenAnswerTest {
    private static final String GOOD = "{\"deleted\":null,\"new\":[{\"duration\":\"1h\",\"id\":1,\"origin\":\"cscli\","
            + "\"scenario\":\"test\",\"scope\":\"Ip\",\"type\":\"ban\",\"value\":\"203.0.113.7\"}]}";
    private static final long LIMIT = 64 * 1024;

    /** How the fake LAPI answers once the good list went out. */
    interface Answer {
        void send(HttpExchange exchange) throws IOException, InterruptedException;
    }

    static Stream<Arguments> brokenAnswers() {
        return Stream.of(
                Arguments.of("a body over the limit, chunked", (Answer) exchange -> {
                    exchange.sendResponseHeaders(200, 0);
                    try (OutputStream out = exchange.getResponseBody()) {
                        byte[] chunk = new byte[8192];
                        Arrays.fill(chunk, (byte) ' ');
                        for (int i = 0; i < 1024; i++) { // 8 MiB unless the client hangs up first
                            out.write(chunk);
                        }
                    }
                }, "the answer is over the limit of " + LIMIT + " bytes"),
                Arguments.of("a declared length over the limit", (Answer) exchange -> {
                    exchange.sendResponseHeaders(200, LIMIT + 1);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(new byte[(int) LIMIT + 1]);
                    }
                }, "the answer declares " + (LIMIT + 1) + " bytes, over the limit of " + LIMIT),
                Arguments.of("a body that trickles", (Answer) exchange -> {
                    exchange.sendResponseHeaders(200, 0);
                    try (OutputStream out = exchange.getResponseBody()) {
                        for (int i = 0; i < 100; i++) {
                            out.write('{');
                            out.flush();
                            Thread.sleep(100);
                        }
                    }
                }, "no whole answer within PT0.5S"),
                Arguments.of("no headers at all", (Answer) exchange -> Thread.sleep(3000), "no whole answer within PT0.5S"),
                Arguments.of("not JSON", text(200, "<html>bad gateway</html>"), "the answer is not JSON"),
                Arguments.of("JSON cut short", text(200, GOOD.substring(0, 40)), "the answer is not JSON"),
                Arguments.of("a JSON array", text(200, "[]"), "the answer is not a JSON object with \"new\" and \"deleted\""),
                Arguments.of("\"new\" not an array", text(200, "{\"new\":5,\"deleted\":null}"), "\"new\" is not an array"),
                Arguments.of("\"new\" twice", text(200, "{\"new\":[],\"new\":[],\"deleted\":null}"), "Duplicate field 'new'"),
                Arguments.of("a server error", text(500, "{\"message\":\"database locked\"}"),
                        "HTTP 500 {\"message\":\"database locked\"}"),
                Arguments.of("a redirect elsewhere", (Answer) exchange -> {
                    exchange.getResponseHeaders().add("Location", "http://192.0.2.1/v1/decisions/stream");
                    exchange.sendResponseHeaders(302, -1);
                }, "HTTP 302"),
                Arguments.of("a forged log line in an error", text(500, "oops\nERROR everything is fine"),
                        "HTTP 500 oops\\u000aERROR everything is fine"));
    }

    private static Answer text(int code, String body) {
        return exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenAnswers")
    void aBrokenAnswerIsRefusedWithinItsBoundsAndTheLastListStays(String what, Answer broken, String expected) throws Exception {
        AtomicReference<Answer> next = new AtomicReference<>(text(200, GOOD));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            try {
                next.get().send(exchange);
            } catch (IOException | InterruptedException hungUp) {
                // the bouncer gave up on it: what is tested
            } finally {
                exchange.close();
            }
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        try (CrowdSecBouncer bouncer = CrowdSecBouncer.builder(URI.create(url)).apiKey("k").pollInterval(Duration.ofMillis(100))
                .requestTimeout(Duration.ofMillis(500)).maxResponseBytes(LIMIT).build()) {
            bouncer.firstSync().toCompletableFuture().get(5, TimeUnit.SECONDS);
            next.set(broken);
            long start = System.nanoTime();
            while (bouncer.status().lastError().isEmpty()) {
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "no error reported for " + what);
                Thread.sleep(10);
            }
            String error = bouncer.status().lastError().orElseThrow();
            assertTrue(error.startsWith("crowdsec " + url + ": "), error);
            assertTrue(error.contains(expected), error);
            assertTrue(error.endsWith("; the last list stays in force"), error);
            assertEquals(List.of("203.0.113.7"), bouncer.bans().stream().map(b -> b.network().toString()).toList());
        } finally {
            server.stop(0);
            ((ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    @Test
    void aBrokenDecisionIsLeftOutAndTheRestOfTheAnswerIsInForce() throws Exception {
        String answer = "{\"deleted\":null,\"new\":["
                + "{\"duration\":\"1h\",\"id\":1,\"origin\":\"cscli\",\"scenario\":\"a\",\"scope\":\"Ip\",\"type\":\"ban\",\"value\":\"203.0.113.7\"},"
                + "{\"duration\":\"1h\",\"id\":2,\"origin\":\"cscli\",\"scenario\":\"b\",\"scope\":\"Ip\",\"type\":\"ban\",\"value\":\"evil.example\"},"
                + "{\"duration\":\"forever\",\"id\":3,\"origin\":\"cscli\",\"scenario\":\"c\",\"scope\":\"Ip\",\"type\":\"ban\",\"value\":\"203.0.113.8\"},"
                + "{\"duration\":\"1h\",\"id\":4,\"origin\":\"cscli\",\"scenario\":\"d\",\"scope\":\"Country\",\"type\":\"ban\",\"value\":\"FR\"},"
                + "{\"duration\":\"1h\",\"id\":5,\"origin\":\"cscli\",\"scenario\":\"e\",\"scope\":\"Range\",\"type\":\"ban\",\"value\":\"198.51.100.9/24\"},"
                + "\"not an object\"]}";
        StreamAnswer parsed = StreamAnswer.delta(answer.getBytes(StandardCharsets.UTF_8), Instant.EPOCH,
                Set.of("ban"));
        assertEquals(List.of("203.0.113.7", "198.51.100.0/24"), parsed.added().stream().map(b -> b.network().toString()).toList());
        assertEquals(3, parsed.skipped().size(), parsed.skipped().toString());
        assertTrue(parsed.skipped().get(0).contains("decision 2: not an IP address: \"evil.example\""), parsed.skipped().toString());
        assertTrue(parsed.skipped().get(1).contains("decision 3: not a duration: \"forever\""), parsed.skipped().toString());
        assertTrue(parsed.skipped().get(2).contains("a decision that is not an object"), parsed.skipped().toString());
    }
}
