/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.cli.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /status}: each named engine's {@link HostsAccess#status()} as JSON, from the JDK's
 * own HTTP server on loopback (what an operator's dashboard or a health check polls).
 *
 * <pre>{@code
 * try (StatusEndpoint status = StatusEndpoint.start(new InetSocketAddress("127.0.0.1", 8081),
 *         Map.of("echo", echoRules))) {
 *     // curl http://127.0.0.1:8081/status
 * }
 * }</pre>
 */
final class StatusEndpoint implements AutoCloseable {
    private final HttpServer server;

    private StatusEndpoint(HttpServer server) {
        this.server = server;
    }

    /** Serves the engines' status at {@code /status} on {@code address} (port 0 picks a free one). */
    static StatusEndpoint start(InetSocketAddress address, Map<String, HostsAccess> engines) throws IOException {
        Map<String, HostsAccess> named = new LinkedHashMap<>(engines);
        HttpServer server = HttpServer.create(address, 16);
        server.createContext("/status", exchange -> answer(exchange, named));
        server.start();
        return new StatusEndpoint(server);
    }

    private static void answer(HttpExchange exchange, Map<String, HostsAccess> engines) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            byte[] body = (json(engines) + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The status of every engine, by name, as one JSON object. */
    static String json(Map<String, HostsAccess> engines) {
        Map<String, Object> all = new LinkedHashMap<>();
        engines.forEach((name, engine) -> all.put(name, engine.status().toMap()));
        return Json.write(all);
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
