/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.micrometer.HostsAccessMetrics;
import io.github.tcpwrappers.servlet.HostsAccessFilter;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Pattern;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three real doors (Netty echo, Jetty servlet, grpc-netty greeter) on one engine with
 * HostsAccessMetrics: real clients on 127.0.0.1 (granted) and 127.0.0.2 (refused) feed a
 * SimpleMeterRegistry and a PrometheusMeterRegistry, and the latter is scraped over HTTP.
 */
class MetricsFromTheDoorsTest {
    private static final InetSocketAddress ANY = new InetSocketAddress("127.0.0.1", 0);

    @TempDir
    Path dir;

    @Test
    void everyDoorFeedsTheMetricsAndPrometheusServesThem() throws Exception {
        Files.writeString(dir.resolve("hosts.allow"), "echo webshop greeter: 127.0.0.1\n");
        Files.writeString(dir.resolve("hosts.deny"), "ALL: 127.0.0.2\n");
        SimpleMeterRegistry simple = new SimpleMeterRegistry();
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HostsAccessMetrics metrics = HostsAccessMetrics.create(HostsAccess.builder().directory(dir));
        metrics.bindTo(simple);
        metrics.bindTo(prometheus);
        try (HostsAccess access = metrics.engine();
                EchoServer echo = EchoServer.start(access, ANY);
                GreeterServer greeter = GreeterServer.start(access, ANY)) {
            Server jetty = shop(access);
            try {
                InetSocketAddress shop = new InetSocketAddress("127.0.0.1", ((ServerConnector) jetty.getConnectors()[0]).getLocalPort());
                assertEquals(List.of("hi"), Clients.echo("127.0.0.1", echo.address(), "hi").lines());
                assertTrue(Clients.echo("127.0.0.2", echo.address(), "hi").closedByServer());
                assertEquals(200, Clients.get("127.0.0.1", shop).status());
                assertEquals(403, Clients.get("127.0.0.2", shop).status());
                assertEquals(Status.Code.OK, Clients.greet("127.0.0.1", greeter.address(), "a").code());
                assertEquals(Status.Code.PERMISSION_DENIED, Clients.greet("127.0.0.2", greeter.address(), "b").code());
            } finally {
                jetty.stop();
            }
        }
        for (String daemon : List.of("echo", "webshop", "greeter")) {
            assertEquals(1.0, counter(simple, daemon, "granted", "hosts.allow:1"), daemon + " granted");
            assertEquals(1.0, counter(simple, daemon, "denied", "hosts.deny:1"), daemon + " denied");
        }

        HttpServer endpoint = HttpServer.create(ANY, 4);
        endpoint.createContext("/metrics", exchange -> {
            byte[] body = prometheus.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        endpoint.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/metrics");
            HttpResponse<String> scraped = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, scraped.statusCode());
            String text = scraped.body();
            for (String daemon : List.of("echo", "webshop", "greeter")) {
                assertScraped(text, "tcpwrappers_decisions_total\\{daemon=\"" + daemon
                        + "\",rule=\"hosts.deny:1\",verdict=\"denied\"} 1(\\.0)?");
                assertScraped(text, "tcpwrappers_decisions_total\\{daemon=\"" + daemon
                        + "\",rule=\"hosts.allow:1\",verdict=\"granted\"} 1(\\.0)?");
            }
            assertScraped(text, "tcpwrappers_rules 2(\\.0)?");
            assertScraped(text, "tcpwrappers_rules_age_seconds [0-9.E-]+");
            assertScraped(text, "tcpwrappers_reloads_total\\{outcome=\"refused\"} 0(\\.0)?");
        } finally {
            endpoint.stop(0);
        }
    }

    private static void assertScraped(String text, String line) {
        assertTrue(Pattern.compile("(?m)^" + line + "$").matcher(text).find(), "no line /" + line + "/ in\n" + text);
    }

    private static double counter(SimpleMeterRegistry registry, String daemon, String verdict, String rule) {
        Counter c = registry.find("tcpwrappers.decisions").tags("daemon", daemon, "verdict", verdict, "rule", rule).counter();
        return c == null ? 0 : c.count();
    }

    /** The web shop's page behind the filter, on the engine given (programmatic, not web.xml). */
    private static Server shop(HostsAccess access) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addFilter(new FilterHolder(HostsAccessFilter.create(access, "webshop")), "/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new ShopServlet()), "/*");
        server.setHandler(context);
        server.start();
        return server;
    }
}
