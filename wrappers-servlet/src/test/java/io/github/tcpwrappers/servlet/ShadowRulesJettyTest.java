/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.testing.Await;
import io.github.tcpwrappers.testing.StderrLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shadow tables through the servlet door: a real Jetty with the filter in web.xml and the
 * {@code shadow-directory} init-param, real clients 127.0.0.1-3. The shadow verdict is logged
 * where it differs and never enforced; its commands never run; an edit is live.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShadowRulesJettyTest {
    Path tmp;
    RuleFiles rules;
    RuleFiles shadow;
    Server server;
    int port;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        tmp = dir;
        rules = new RuleFiles(Files.createDirectories(tmp.resolve("etc")));
        shadow = new RuleFiles(Files.createDirectories(tmp.resolve("next")));
        rules.allow("shop: 127.0.0.1").deny("shop: 127.0.0.3");
        shadow.allow().toFile().createNewFile();
        shadow.deny("shop: 127.0.0.2 : spawn (touch " + tmp.resolve("shadow-spawned") + ") : twist /bin/echo shadow");
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        Path app = WebApps.write(tmp.resolve("webapps/shop"), Map.of(
                "daemon", "shop",
                "allow-file", rules.allow().toString(),
                "deny-file", rules.deny().toString(),
                "shadow-directory", shadow.dir().toString(),
                "reload-interval", "0",
                "settle-time", "0"));
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/shop");
        webapp.setWar(app.toString());
        webapp.setParentLoaderPriority(true);
        webapp.setThrowUnavailableOnStartupException(true);
        server.setHandler(webapp);
        server.start();
        port = connector.getLocalPort();
    }

    @AfterAll
    void stop() throws Exception {
        server.stop();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Await.until(what, Duration.ofSeconds(10), condition);
    }

    @Test
    void shadowVerdictsAreLoggedWhereTheyDifferAndNeverEnforced() throws Exception {
        String shadowDeny = shadow.deny().toString();
        String realDeny = rules.deny().toString();
        try (StderrLines log = StderrLines.capture()) {
            RawHttp.Response two = RawHttp.get("127.0.0.2", "127.0.0.1", port, "/shop/hello");
            assertEquals(200, two.status(), "the shadow deny is not enforced");
            assertTrue(two.body().startsWith("app client=127.0.0.2"), two.body());
            await("the shadow line", () -> !log.containing("shadow: would").isEmpty());
            RawHttp.Response three = RawHttp.get("127.0.0.3", "127.0.0.1", port, "/shop/hello");
            assertEquals(403, three.status(), "the real deny is");
            await("the second shadow line", () -> log.containing("shadow: would").size() >= 2);
            assertEquals(200, RawHttp.get("127.0.0.1", "127.0.0.1", port, "/shop/hello").status());
            // Both sides agree on 127.0.0.1 (a grant): no line. Wait for a later line to be sure it came.
            RawHttp.get("127.0.0.3", "127.0.0.1", port, "/shop/hello");
            await("the third shadow line", () -> log.containing("shadow: would").size() >= 3);
            List<String> lines = log.containing("shadow: would");
            assertTrue(lines.get(0).endsWith("shadow: would deny shop from 127.0.0.2 (" + shadowDeny + ":1, in force: no rule)"),
                    lines.get(0));
            assertTrue(lines.get(1).endsWith("shadow: would grant shop from 127.0.0.3 (no rule, in force: " + realDeny + ":1)"),
                    lines.get(1));
            // The same line for the same request (the thread that decided it may differ).
            assertEquals(lines.get(1).substring(lines.get(1).indexOf("] ")), lines.get(2).substring(lines.get(2).indexOf("] ")));
            assertTrue(lines.get(0).contains("io.github.tcpwrappers.shadow"), lines.get(0));
        }
        Thread.sleep(300);
        assertFalse(Files.exists(tmp.resolve("shadow-spawned")), "a shadow rule's spawn never runs");
    }

    @Test
    void anEditedShadowTableIsInForceForTheNextRequest() throws Exception {
        try (StderrLines log = StderrLines.capture()) {
            shadow.deny("shop: 127.0.0.1");
            assertEquals(200, RawHttp.get("127.0.0.1", "127.0.0.1", port, "/shop/hello").status());
            await("the shadow line", () -> !log.containing("shadow: would deny shop from 127.0.0.1").isEmpty());
            assertTrue(log.containing("from 127.0.0.2").stream().noneMatch(l -> l.contains("shadow:")));
        } finally {
            shadow.deny("shop: 127.0.0.2 : spawn (touch " + tmp.resolve("shadow-spawned") + ") : twist /bin/echo shadow");
        }
    }
}
