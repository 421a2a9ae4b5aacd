/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.value.CommandLimits;
import io.github.tcpwrappers.value.Diagnostic;
import jakarta.servlet.DispatcherType;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ProxyConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filter registered in code on a real Jetty 12.1 ServletContextHandler, with an engine the
 * test owns and reloads, a resolver that answers late, and connectors where Jetty itself
 * supplies the client address from a proxy (Forwarded headers, PROXY protocol).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JettyProgrammaticTest {
    Path tmp;
    RuleFiles rules;
    HostsAccess access;
    SlowNames names;
    Server server;
    ServletContextHandler context;
    ServletContextHandler blocking;
    ServerConnector plain;
    ServerConnector forwarded;
    ServerConnector proxied;
    ServerConnector ipv6;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        tmp = dir;
        rules = new RuleFiles(Files.createDirectories(tmp.resolve("etc")));
        writeBaseline();
        names = new SlowNames(Map.of("127.0.0.4", "a.trusted.test", "127.0.0.5", "evil.example.org",
                "127.0.0.9", SlowNames.NEVER), 200);
        access = HostsAccess.builder().directory(rules.dir()).hostNameResolver(names)
                .lookupTimeout(Duration.ofSeconds(30))
                .commandLimits(CommandLimits.defaults().withTimeout(Duration.ofSeconds(1)).withMaxBytes(1000))
                .build();
        HostsAccessFilter filter = HostsAccessFilter.create(access,
                Map.of(HostsAccessFilter.DAEMON, "shop", HostsAccessFilter.DECISION_TIMEOUT, "500ms"));

        server = new Server();
        plain = connector(new ServerConnector(server), "127.0.0.1");
        HttpConfiguration behindProxy = new HttpConfiguration();
        behindProxy.addCustomizer(new ForwardedRequestCustomizer());
        forwarded = connector(new ServerConnector(server, new HttpConnectionFactory(behindProxy)), "127.0.0.1");
        proxied = connector(new ServerConnector(server,
                new ProxyConnectionFactory(HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory()), "127.0.0.1");
        ipv6 = connector(new ServerConnector(server), "::1");

        context = new ServletContextHandler("/");
        FilterHolder holder = new FilterHolder(filter);
        holder.setAsyncSupported(true);
        context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
        ServletHolder async = new ServletHolder(new EchoServlet());
        async.setAsyncSupported(true);
        async.setInitOrder(1);
        context.addServlet(async, "/*");
        ServletHolder sync = new ServletHolder(new EchoServlet());
        sync.setAsyncSupported(false);
        sync.setInitOrder(2);
        context.addServlet(sync, "/sync/*");
        // A second context whose filter chain does not support async: there the container thread
        // waits for the lookup, at most decision-timeout.
        blocking = new ServletContextHandler("/blocking");
        FilterHolder blockingFilter = new FilterHolder(HostsAccessFilter.create(access,
                Map.of(HostsAccessFilter.DAEMON, "shop", HostsAccessFilter.DECISION_TIMEOUT, "500ms")));
        blockingFilter.setAsyncSupported(false);
        blocking.addFilter(blockingFilter, "/*", EnumSet.of(DispatcherType.REQUEST));
        ServletHolder blockingServlet = new ServletHolder(new EchoServlet());
        blockingServlet.setInitOrder(1);
        blocking.addServlet(blockingServlet, "/*");
        server.setHandler(new ContextHandlerCollection(blocking, context));
        server.start();
    }

    private ServerConnector connector(ServerConnector connector, String host) {
        connector.setHost(host);
        connector.setPort(0);
        server.addConnector(connector);
        return connector;
    }

    private void writeBaseline() {
        rules.allow("shop: 127.0.0.1 [::1]",
                "shop: .trusted.test",
                "shop: 127.0.0.6: twist /bin/echo served by twist for %a");
        rules.deny("shop: 127.0.0.7: twist yes",
                "shop: 127.0.0.8: twist /bin/echo partial; sleep 30",
                "ALL: ALL");
    }

    @BeforeEach
    void baseline() {
        writeBaseline();
        assertEquals(List.of(), access.reload().stream().filter(d -> d.level() != Diagnostic.Level.WARNING).toList());
    }

    @AfterAll
    void stop() throws Exception {
        server.stop();
    }

    int hits() {
        return EchoServlet.hits(context.getServletContext());
    }

    RawHttp.Response get(String from, ServerConnector to, String path, String... headers) throws Exception {
        return RawHttp.get(from, to.getHost(), to.getLocalPort(), path, headers);
    }

    @Test
    void aBannerThatIsNotUtf8IsTheRefusalBodyByteForByte() throws Exception {
        // libwrap sends banner bytes as they are: a lone continuation byte and 0xFF included.
        byte[] banner = {'c', 'a', 'f', (byte) 0xE9, ' ', (byte) 0xA9, (byte) 0xFF, '\n'};
        Path raw = Files.createDirectories(rules.dir().resolve("raw"));
        Files.write(raw.resolve("shop"), banner);
        rules.deny("shop: 127.0.1.1: banners " + raw, "ALL: ALL");
        access.reload();
        byte[] response;
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress("127.0.1.1", 0));
            socket.connect(new InetSocketAddress(plain.getHost(), plain.getLocalPort()), 5000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET /hello HTTP/1.1\r\nHost: shop\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            response = socket.getInputStream().readAllBytes();
        }
        String head = new String(response, StandardCharsets.ISO_8859_1);
        int end = head.indexOf("\r\n\r\n");
        assertTrue(head.startsWith("HTTP/1.1 403"), head);
        assertTrue(head.substring(0, end).toLowerCase(Locale.ROOT).contains("content-length: 9"), head);
        assertEquals(new String(new byte[] {'c', 'a', 'f', (byte) 0xE9, ' ', (byte) 0xA9, (byte) 0xFF, '\r', '\n'},
                StandardCharsets.ISO_8859_1), head.substring(end + 4));
    }

    @Test
    void decisionThatNeedsANameContinuesOnAnAsyncDispatch() throws Exception {
        RawHttp.Response r = get("127.0.0.4", plain, "/hello");
        assertEquals(200, r.status());
        assertEquals("app client=127.0.0.4 dispatch=ASYNC rule=hosts.allow:2", r.body());
    }

    @Test
    void requestIsDecidedOnceThoughTheFilterSeesItAgainOnTheAsyncDispatch() throws Exception {
        int asked = names.asked.get();
        assertEquals(200, get("127.0.0.4", plain, "/once").status());
        assertEquals(asked + 1, names.asked.get());
    }

    @Test
    void nameThatDoesNotMatchIsRefusedAfterTheLookup() throws Exception {
        int before = hits();
        int asked = names.asked.get();
        RawHttp.Response r = get("127.0.0.5", plain, "/hello");
        assertEquals(403, r.status());
        assertEquals("", r.body());
        assertEquals(before, hits());
        assertTrue(names.asked.get() > asked, "the name was looked up");
    }

    @Test
    void chainWithoutAsyncSupportWaitsForTheLookupOnItsThread() throws Exception {
        assertEquals("app client=127.0.0.4 dispatch=REQUEST rule=hosts.allow:2",
                get("127.0.0.4", plain, "/blocking/x").body());
        assertEquals(403, get("127.0.0.5", plain, "/blocking/x").status());
    }

    @Test
    void servletWithoutAsyncSupportBehindTheAsyncFilterIsGuardedAlike() throws Exception {
        // Jetty lets the filter go async and runs the servlet on the dispatch.
        assertEquals("app client=127.0.0.4 dispatch=ASYNC rule=hosts.allow:2",
                get("127.0.0.4", plain, "/sync/x").body());
        assertEquals(403, get("127.0.0.5", plain, "/sync/x").status());
    }

    @Test
    void noDecisionWithinTheTimeoutRefusesTheRequest() throws Exception {
        int before = hits();
        int beforeBlocking = EchoServlet.hits(blocking.getServletContext());
        assertEquals(403, get("127.0.0.9", plain, "/hello").status(), "async path");
        assertEquals(403, get("127.0.0.9", plain, "/blocking/x").status(), "blocking path");
        assertEquals(before, hits());
        assertEquals(beforeBlocking, EchoServlet.hits(blocking.getServletContext()));
    }

    @Test
    void addressRuleDecidesWithoutAnyLookup() throws Exception {
        int asked = names.asked.get();
        assertEquals("app client=127.0.0.1 dispatch=REQUEST rule=hosts.allow:1", get("127.0.0.1", plain, "/").body());
        assertEquals(asked, names.asked.get());
    }

    @Test
    void twistInTheAllowTableAnswersInPlaceOfTheApplication() throws Exception {
        int before = hits();
        RawHttp.Response r = get("127.0.0.6", plain, "/hello");
        assertEquals(200, r.status());
        assertEquals("served by twist for 127.0.0.6\n", r.body());
        assertEquals(before, hits());
    }

    @Test
    void twistOutputIsCutAtTheSizeLimit() throws Exception {
        RawHttp.Response r = get("127.0.0.7", plain, "/hello");
        assertEquals(403, r.status());
        assertEquals("y\n".repeat(500), r.body());
    }

    @Test
    void twistOutputIsCutAtTheTimeLimit() throws Exception {
        RawHttp.Response async = get("127.0.0.8", plain, "/hello");
        assertEquals(403, async.status());
        assertEquals("partial\n", async.body());
        RawHttp.Response sync = get("127.0.0.8", plain, "/blocking/x");
        assertEquals(403, sync.status());
        assertEquals("partial\n", sync.body());
    }

    @Test
    void reloadedRulesApplyWhileRequestsFlow() throws Exception {
        long changed;
        List<Flow.Sample> samples;
        try (Flow flow = new Flow("127.0.0.1", "127.0.0.1", plain.getLocalPort(), "/flow")) {
            flow.awaitSamples(20, 10_000);
            rules.allow("shop: .trusted.test");
            access.reload();
            changed = System.nanoTime();
            flow.awaitSamples(flow.size() + 20, 10_000);
            samples = flow.stop();
            assertEquals(List.of(), flow.failures());
        }
        assertTrue(samples.stream().anyMatch(s -> s.startedNanos() < changed && s.status() == 200));
        List<Flow.Sample> after = samples.stream().filter(s -> s.startedNanos() > changed).toList();
        assertFalse(after.isEmpty());
        after.forEach(s -> assertEquals(403, s.status(), "refused once the reload returned"));
        samples.forEach(s -> assertTrue(s.status() == 200 || s.status() == 403, s.toString()));
    }

    @Test
    void keepAliveConnectionsFromTwoClientsAreEachDecidedOnEveryRequest() throws Exception {
        try (RawHttp.Connection allowed = new RawHttp.Connection("127.0.0.1", plain.getHost(), plain.getLocalPort());
                RawHttp.Connection refused = new RawHttp.Connection("127.0.0.2", plain.getHost(), plain.getLocalPort())) {
            for (int i = 0; i < 20; i++) {
                RawHttp.Response granted = allowed.get("/k");
                assertEquals(200, granted.status());
                assertEquals("app client=127.0.0.1 dispatch=REQUEST rule=hosts.allow:1", granted.body());
                assertEquals(403, refused.get("/k").status());
            }
            // The same connection, the next request: the reloaded rules decide it.
            rules.allow("shop: 127.0.0.2");
            access.reload();
            assertEquals(403, allowed.get("/k").status());
            RawHttp.Response now = refused.get("/k");
            assertEquals(200, now.status());
            assertEquals("app client=127.0.0.2 dispatch=REQUEST rule=hosts.allow:1", now.body());
        }
    }

    @Test
    void forgedForwardingHeadersAreIgnoredOnAPlainConnector() throws Exception {
        assertEquals(403, get("127.0.0.2", plain, "/", "X-Forwarded-For: 127.0.0.1", "Forwarded: for=127.0.0.1").status());
        assertEquals("app client=127.0.0.1 dispatch=REQUEST rule=hosts.allow:1",
                get("127.0.0.1", plain, "/", "X-Forwarded-For: 127.0.0.2").body());
    }

    @Test
    void forwardedRequestCustomizerSuppliesTheClientBehindAProxy() throws Exception {
        // The proxy (127.0.0.1, itself allowed) forwards a refused client: the client decides.
        assertEquals(403, get("127.0.0.1", forwarded, "/", "X-Forwarded-For: 127.0.0.2").status());
        assertEquals(403, get("127.0.0.1", forwarded, "/", "Forwarded: for=127.0.0.2").status());
        // A refused proxy address forwarding an allowed client: the client decides.
        assertEquals("app client=127.0.0.1 dispatch=REQUEST rule=hosts.allow:1",
                get("127.0.0.2", forwarded, "/", "X-Forwarded-For: 127.0.0.1").body());
    }

    @Test
    void proxyProtocolSuppliesTheClient() throws Exception {
        int port = proxied.getLocalPort();
        byte[] refused = ("PROXY TCP4 127.0.0.2 127.0.0.1 40000 " + port + "\r\n").getBytes(StandardCharsets.US_ASCII);
        assertEquals(403, RawHttp.send("127.0.0.1", "127.0.0.1", port, refused, "/").status());
        byte[] allowed = ("PROXY TCP4 127.0.0.1 127.0.0.1 40001 " + port + "\r\n").getBytes(StandardCharsets.US_ASCII);
        assertEquals("app client=127.0.0.1 dispatch=REQUEST rule=hosts.allow:1",
                RawHttp.send("127.0.0.2", "127.0.0.1", port, allowed, "/").body());
    }

    @Test
    void ipv6LoopbackClientMatchesTheBracketedRule() throws Exception {
        RawHttp.Response r = get("::1", ipv6, "/v6");
        assertEquals(200, r.status());
        assertTrue(r.body().endsWith("dispatch=REQUEST rule=hosts.allow:1"), r.body());
    }
}
