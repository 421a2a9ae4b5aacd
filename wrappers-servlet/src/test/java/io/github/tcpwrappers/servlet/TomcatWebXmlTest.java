/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.RemoteIpValve;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same web.xml as in Jetty, in embedded Tomcat 11: the filter does not depend on one
 * container. One context takes clients as connected; one sits behind Tomcat's RemoteIpValve,
 * which trusts X-Forwarded-For only from the proxy 127.0.0.1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TomcatWebXmlTest {
    Path tmp;
    RuleFiles rules;
    Tomcat tomcat;
    Context shop;
    int port;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        tmp = dir;
        rules = new RuleFiles(Files.createDirectories(tmp.resolve("etc")));
        baseline();
        tomcat = new Tomcat();
        tomcat.setBaseDir(tmp.resolve("tomcat").toString());
        tomcat.setAddDefaultWebXmlToWebapp(false); // no JSP servlet in tomcat-embed-core
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        shop = webapp("/shop");
        Context proxied = webapp("/proxied");
        RemoteIpValve valve = new RemoteIpValve();
        valve.setInternalProxies("127\\.0\\.0\\.1");
        proxied.getPipeline().addValve(valve);
        tomcat.start();
        port = connector.getLocalPort();
    }

    private Context webapp(String path) throws Exception {
        Path dir = WebApps.write(tmp.resolve("webapps" + path), Map.of(
                "daemon", "shop",
                "allow-file", rules.allow().toString(),
                "deny-file", rules.deny().toString(),
                "reload-interval", "200ms"));
        Context context = tomcat.addWebapp(path, dir.toString());
        StandardJarScanner scanner = new StandardJarScanner();
        scanner.setScanClassPath(false);
        context.setJarScanner(scanner);
        return context;
    }

    @BeforeEach
    void baseline() throws Exception {
        Path banners = rules.banner("shop", "Go away %a\n");
        rules.allow("shop: 127.0.0.1 127.0.0.4");
        rules.deny("shop: 127.0.0.3: twist /bin/echo refused %a for %d", "ALL: ALL: banners " + banners);
        if (tomcat != null) {
            awaitStatus("127.0.0.1", "/shop/", 200);
        }
    }

    /** Waits, bounded, until the filter's periodic reload has taken in the files. */
    private void awaitStatus(String from, String path, int status) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (RawHttp.get(from, "127.0.0.1", port, path).status() == status) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(path + " from " + from + " never answered " + status);
    }

    @AfterAll
    void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    @Test
    void allowedClientReachesTheApplicationOnAsyncCapableChain() throws Exception {
        RawHttp.Response r = RawHttp.get("127.0.0.1", "127.0.0.1", port, "/shop/hello");
        assertEquals(200, r.status());
        assertEquals("app client=127.0.0.1 dispatch=REQUEST rule=hosts.allow:1", r.body());
        assertEquals("app client=127.0.0.1 dispatch=REQUEST rule=hosts.allow:1",
                RawHttp.get("127.0.0.1", "127.0.0.1", port, "/shop/sync/x").body());
    }

    @Test
    void refusedClientGetsTheBannerAndTheApplicationNeverRuns() throws Exception {
        int before = EchoServlet.hits(shop.getServletContext());
        RawHttp.Response r = RawHttp.get("127.0.0.2", "127.0.0.1", port, "/shop/hello");
        assertEquals(403, r.status());
        assertTrue(r.header("content-type").toLowerCase(Locale.ROOT).startsWith("text/plain"));
        assertEquals("Go away 127.0.0.2\r\n", r.body());
        assertEquals(403, RawHttp.get("127.0.0.2", "127.0.0.1", port, "/shop/sync/x").status());
        assertEquals(before, EchoServlet.hits(shop.getServletContext()));
    }

    @Test
    void twistOutputIsTheBodyOfTheRefusal() throws Exception {
        RawHttp.Response async = RawHttp.get("127.0.0.3", "127.0.0.1", port, "/shop/hello");
        assertEquals(403, async.status());
        assertEquals("refused 127.0.0.3 for shop\n", async.body());
        RawHttp.Response sync = RawHttp.get("127.0.0.3", "127.0.0.1", port, "/shop/sync/x");
        assertEquals(403, sync.status());
        assertEquals("refused 127.0.0.3 for shop\n", sync.body());
    }

    @Test
    void changedFilesAreInForceWithinTheReloadIntervalWhileRequestsFlow() throws Exception {
        long changed;
        List<Flow.Sample> samples;
        try (Flow flow = new Flow("127.0.0.1", "127.0.0.1", port, "/shop/flow")) {
            flow.awaitSamples(20, 10_000);
            rules.allow("shop: 127.0.0.4");
            changed = System.nanoTime();
            Thread.sleep(2_500); // the interval is 200 ms: well past it, even on a crowded machine
            int seen = flow.size();
            flow.awaitSamples(seen + 20, 10_000);
            samples = flow.stop();
            assertEquals(List.of(), flow.failures());
        }
        assertTrue(samples.stream().anyMatch(s -> s.startedNanos() < changed && s.status() == 200));
        long inForce = changed + 2_000_000_000L;
        List<Flow.Sample> after = samples.stream().filter(s -> s.startedNanos() > inForce).toList();
        assertFalse(after.isEmpty());
        after.forEach(s -> assertEquals("Go away 127.0.0.1\r\n", s.body()));
        after.forEach(s -> assertEquals(403, s.status()));
        samples.forEach(s -> assertTrue(s.status() == 200 || s.status() == 403, s.toString()));
    }

    @Test
    void forgedForwardingHeaderIsIgnoredWithoutTheValve() throws Exception {
        assertEquals(403, RawHttp.get("127.0.0.2", "127.0.0.1", port, "/shop/", "X-Forwarded-For: 127.0.0.1").status());
        assertEquals("app client=127.0.0.1 dispatch=REQUEST rule=hosts.allow:1",
                RawHttp.get("127.0.0.1", "127.0.0.1", port, "/shop/", "X-Forwarded-For: 127.0.0.3").body());
    }

    @Test
    void remoteIpValveSuppliesTheClientFromTheTrustedProxyOnly() throws Exception {
        // The trusted proxy 127.0.0.1 forwards clients: each is decided as itself.
        RawHttp.Response twisted = RawHttp.get("127.0.0.1", "127.0.0.1", port, "/proxied/", "X-Forwarded-For: 127.0.0.3");
        assertEquals(403, twisted.status());
        assertEquals("refused 127.0.0.3 for shop\n", twisted.body());
        assertEquals("app client=127.0.0.4 dispatch=REQUEST rule=hosts.allow:1",
                RawHttp.get("127.0.0.1", "127.0.0.1", port, "/proxied/", "X-Forwarded-For: 127.0.0.4").body());
        // 127.0.0.2 is not a trusted proxy: its header is not believed, by the valve or the filter.
        RawHttp.Response untrusted = RawHttp.get("127.0.0.2", "127.0.0.1", port, "/proxied/", "X-Forwarded-For: 127.0.0.1");
        assertEquals(403, untrusted.status());
        assertEquals("Go away 127.0.0.2\r\n", untrusted.body());
    }
}
