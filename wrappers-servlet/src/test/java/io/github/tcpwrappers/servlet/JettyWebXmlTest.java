/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.testing.StderrLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
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
 * Two web applications in a real Jetty 12.1 (ee11, Servlet 6.1), each registering the filter in
 * its WEB-INF/web.xml, sharing one pair of rule files; real clients on 127.0.0.1-3.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JettyWebXmlTest {
    Path tmp;
    RuleFiles rules;
    Server server;
    WebAppContext shop;
    WebAppContext blog;
    WebAppContext logged;
    int port;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        tmp = dir;
        rules = new RuleFiles(Files.createDirectories(tmp.resolve("etc")));
        baseline();
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        shop = webapp("/shop", "shop");
        blog = webapp("/blog", "blog");
        logged = webapp("/logged", "logged", Map.of(
                "granted-log-format", "granted %d to %c",
                "granted-log-level", "warn",
                "denied-log-format", "refused %d from %a to %A",
                "logger", "web.logged.access"));
        server.setHandler(new ContextHandlerCollection(shop, blog, logged));
        server.start();
        port = connector.getLocalPort();
    }

    private WebAppContext webapp(String path, String daemon) throws Exception {
        return webapp(path, daemon, Map.of());
    }

    private WebAppContext webapp(String path, String daemon, Map<String, String> more) throws Exception {
        Map<String, String> params = new TreeMap<>(more);
        params.putAll(Map.of(
                "daemon", daemon,
                "allow-file", rules.allow().toString(),
                "deny-file", rules.deny().toString(),
                // The engine checks the files on every request, as libwrap: a change is in force
                // for the next request (RuleFiles renames whole files over, so nothing needs to settle).
                "reload-interval", "0",
                "settle-time", "0"));
        Path dir = WebApps.write(tmp.resolve("webapps" + path), params);
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath(path);
        webapp.setWar(dir.toString());
        webapp.setParentLoaderPriority(true);
        webapp.setThrowUnavailableOnStartupException(true);
        return webapp;
    }

    /**
     * The application ran for {@code client}, admitted by hosts.allow:1. With reload-interval 0
     * the engine checks the files on its reload thread, so a decision is seldom ready while the
     * container thread is still in the filter: the filter then goes async and dispatches
     * (ASYNC); when the check beat it, the chain goes on at once (REQUEST). Jetty reports async
     * support at the filter even before a servlet that lacks it, so /sync/* goes either way too.
     * TomcatWebXmlTest (reload 200ms) shows an immediate decision stays on the REQUEST dispatch.
     */
    private static void assertAdmitted(String client, String body) {
        assertTrue(body.equals("app client=" + client + " dispatch=REQUEST rule=hosts.allow:1")
                || body.equals("app client=" + client + " dispatch=ASYNC rule=hosts.allow:1"), body);
    }

    @BeforeEach
    void baseline() {
        Path banners = rules.banner("shop", "Go away %a, said %d\n");
        rules.banner("blog", "blog is closed for %a\n");
        rules.allow("shop: 127.0.0.1", "blog: 127.0.0.2", "logged: 127.0.0.1");
        rules.deny("shop: 127.0.0.3: twist /bin/echo refused %a for %d", "ALL: ALL: banners " + banners);
    }

    @AfterAll
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void allowedClientReachesTheApplication() throws Exception {
        RawHttp.Response r = RawHttp.get("127.0.0.1", "127.0.0.1", port, "/shop/hello");
        assertEquals(200, r.status());
        assertAdmitted("127.0.0.1", r.body());
    }

    @Test
    void refusedClientGetsForbiddenWithTheBannerAndTheApplicationNeverRuns() throws Exception {
        int before = EchoServlet.hits(shop.getServletContext());
        RawHttp.Response r = RawHttp.get("127.0.0.2", "127.0.0.1", port, "/shop/hello");
        assertEquals(403, r.status());
        assertEquals("text/plain;charset=utf-8", r.header("content-type").replace(" ", "").toLowerCase(Locale.ROOT));
        assertEquals("Go away 127.0.0.2, said shop\r\n", r.body());
        assertEquals(before, EchoServlet.hits(shop.getServletContext()));
    }

    @Test
    void twistOutputIsTheBodyOfTheRefusal() throws Exception {
        int before = EchoServlet.hits(shop.getServletContext());
        RawHttp.Response r = RawHttp.get("127.0.0.3", "127.0.0.1", port, "/shop/hello");
        assertEquals(403, r.status());
        assertEquals("refused 127.0.0.3 for shop\n", r.body());
        assertEquals(before, EchoServlet.hits(shop.getServletContext()));
    }

    @Test
    void webApplicationsSharingTheFilesEachApplyTheirOwnDaemonsRules() throws Exception {
        assertEquals(200, RawHttp.get("127.0.0.2", "127.0.0.1", port, "/blog/").status());
        assertEquals(403, RawHttp.get("127.0.0.1", "127.0.0.1", port, "/blog/").status());
        assertEquals("blog is closed for 127.0.0.1\r\n", RawHttp.get("127.0.0.1", "127.0.0.1", port, "/blog/").body());
        assertEquals(200, RawHttp.get("127.0.0.1", "127.0.0.1", port, "/shop/").status());

        rules.allow("shop: 127.0.0.2", "blog: 127.0.0.1");

        assertEquals(200, RawHttp.get("127.0.0.1", "127.0.0.1", port, "/blog/").status());
        assertEquals(403, RawHttp.get("127.0.0.2", "127.0.0.1", port, "/blog/").status());
        assertEquals(200, RawHttp.get("127.0.0.2", "127.0.0.1", port, "/shop/").status());
        assertEquals(403, RawHttp.get("127.0.0.1", "127.0.0.1", port, "/shop/").status());
    }

    @Test
    void aChangedRuleIsInForceForTheNextRequestWhileRequestsFlow() throws Exception {
        long changed;
        List<Flow.Sample> samples;
        try (Flow flow = new Flow("127.0.0.1", "127.0.0.1", port, "/shop/flow")) {
            flow.awaitSamples(20, 10_000);
            rules.deny("shop: 127.0.0.1: banners " + tmp.resolve("etc/banners"), "ALL: ALL");
            rules.allow("# nobody");
            changed = System.nanoTime();
            int seen = flow.size();
            flow.awaitSamples(seen + 20, 10_000);
            samples = flow.stop();
            assertEquals(List.of(), flow.failures());
        }
        assertTrue(samples.stream().anyMatch(s -> s.startedNanos() < changed && s.status() == 200), "granted before");
        List<Flow.Sample> after = samples.stream().filter(s -> s.startedNanos() > changed).toList();
        assertFalse(after.isEmpty());
        for (Flow.Sample s : after) {
            assertEquals(403, s.status(), "every request after the change is refused");
            assertEquals("Go away 127.0.0.1, said shop\r\n", s.body());
        }
        for (Flow.Sample s : samples) {
            assertTrue(s.status() == 200 || s.status() == 403, "only the two verdicts, never an error: " + s);
        }
    }

    @Test
    void aFileStrictModeRefusesOnReloadLeavesTheLastGoodRulesInForce() throws Exception {
        rules.allow("shop: 127.0.0.2 # the office"); // hazard: a comment after a rule
        assertEquals(200, RawHttp.get("127.0.0.1", "127.0.0.1", port, "/shop/").status());
        assertEquals(403, RawHttp.get("127.0.0.2", "127.0.0.1", port, "/shop/").status());
        rules.allow("shop: 127.0.0.2");
        assertEquals(200, RawHttp.get("127.0.0.2", "127.0.0.1", port, "/shop/").status());
        assertEquals(403, RawHttp.get("127.0.0.1", "127.0.0.1", port, "/shop/").status());
    }

    @Test
    void logInitParamsSetTheEnginesDecisionLines() throws Exception {
        List<String> custom;
        List<String> standard;
        try (StderrLines err = StderrLines.capture()) {
            assertEquals(403, RawHttp.get("127.0.0.2", "127.0.0.1", port, "/logged/").status());
            assertEquals(200, RawHttp.get("127.0.0.1", "127.0.0.1", port, "/logged/").status());
            assertEquals(403, RawHttp.get("127.0.0.2", "127.0.0.1", port, "/shop/").status());
            // The engine logs before it answers the filter, so the lines are out by now.
            custom = err.containing(" web.logged.access - ");
            standard = err.containing(" io.github.tcpwrappers.access - ");
        }
        assertEquals(2, custom.size(), custom.toString());
        assertTrue(custom.get(0).endsWith(" WARN web.logged.access - daemon=logged client=127.0.0.2 address=127.0.0.2"
                + " verdict=denied rule=" + rules.deny() + ":2 facility=daemon refused logged from 127.0.0.2 to 127.0.0.1"),
                custom.get(0));
        // granted-log-level=warn: the granted line shows at slf4j-simple's default threshold (info) as WARN.
        assertTrue(custom.get(1).endsWith(" WARN web.logged.access - daemon=logged client=127.0.0.1 address=127.0.0.1"
                + " verdict=granted rule=" + rules.allow() + ":3 facility=daemon granted logged to 127.0.0.1"),
                custom.get(1));
        // The application without log init-params keeps tcpd's line on the default logger.
        assertEquals(1, standard.size(), standard.toString());
        assertTrue(standard.get(0).endsWith(" WARN io.github.tcpwrappers.access - daemon=shop client=127.0.0.2"
                + " address=127.0.0.2 verdict=denied rule=" + rules.deny() + ":2 facility=daemon"
                + " refused connect from 127.0.0.2"), standard.get(0));
    }

    @Test
    void forgedForwardingHeadersAreIgnored() throws Exception {
        RawHttp.Response refused = RawHttp.get("127.0.0.2", "127.0.0.1", port, "/shop/",
                "X-Forwarded-For: 127.0.0.1", "Forwarded: for=127.0.0.1", "X-Real-IP: 127.0.0.1");
        assertEquals(403, refused.status());
        RawHttp.Response granted = RawHttp.get("127.0.0.1", "127.0.0.1", port, "/shop/",
                "X-Forwarded-For: 127.0.0.2", "Forwarded: for=127.0.0.2");
        assertAdmitted("127.0.0.1", granted.body());
    }

    @Test
    void servletWithoutAsyncSupportIsGuardedAlike() throws Exception {
        assertAdmitted("127.0.0.1", RawHttp.get("127.0.0.1", "127.0.0.1", port, "/shop/sync/x").body());
        assertEquals(403, RawHttp.get("127.0.0.2", "127.0.0.1", port, "/shop/sync/x").status());
    }
}
