/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.tcpwrappers.HostsAccess;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filter mapped for {@code FORWARD} as well as {@code REQUEST} on part of a real Jetty
 * application: a request forwarded into the guarded part from outside it is decided there, and
 * one that already passed the filter is not decided (nor logged) a second time, whether it passes
 * again on a forward or because a second filter-mapping matches the same dispatch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JettyDispatchTest {
    final AtomicInteger decisions = new AtomicInteger();
    final AtomicInteger filterPasses = new AtomicInteger();
    HostsAccess access;
    Server server;
    ServletContextHandler context;
    ServerConnector connector;

    /** Forwards every request to {@code /guarded/end}. */
    static final class Forward extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException,
                ServletException {
            req.getRequestDispatcher("/guarded/end").forward(req, resp);
        }
    }

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        new RuleFiles(dir).allow("web: 127.0.0.1").deny("ALL: ALL");
        access = HostsAccess.builder().directory(dir).listener((request, decision, took) -> decisions.incrementAndGet())
                .build();
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        context = new ServletContextHandler("/");
        FilterHolder guard = new FilterHolder(HostsAccessFilter.create(access, "web"));
        context.addFilter(guard, "/guarded/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD));
        // A second, overlapping mapping of the same filter: Jetty then runs it twice on one dispatch.
        context.addFilter(guard, "/guarded/end", EnumSet.of(DispatcherType.REQUEST));
        FilterHolder counter = new FilterHolder((Filter) (req, res, chain) -> {
            filterPasses.incrementAndGet();
            chain.doFilter(req, res);
        });
        context.addFilter(counter, "/guarded/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(counter, "/guarded/end", EnumSet.of(DispatcherType.REQUEST));
        ServletHolder echo = new ServletHolder(new EchoServlet());
        echo.setInitOrder(1);
        context.addServlet(echo, "/guarded/end");
        context.addServlet(new ServletHolder(new Forward()), "/open/*");
        context.addServlet(new ServletHolder(new Forward()), "/guarded/hop");
        server.setHandler(context);
        server.start();
    }

    @AfterAll
    void stop() throws Exception {
        server.stop();
        access.close();
    }

    RawHttp.Response get(String from, String path) throws Exception {
        return RawHttp.get(from, "127.0.0.1", connector.getLocalPort(), path);
    }

    @Test
    void forwardIntoTheGuardedPartIsDecidedThere() throws Exception {
        int ran = EchoServlet.hits(context.getServletContext());
        assertEquals(403, get("127.0.0.2", "/open/x").status());
        assertEquals(ran, EchoServlet.hits(context.getServletContext()), "the refused forward never reached the application");

        RawHttp.Response granted = get("127.0.0.1", "/open/x");
        assertEquals(200, granted.status());
        assertEquals("app client=127.0.0.1 dispatch=FORWARD rule=hosts.allow:1", granted.body());
    }

    @Test
    void requestAdmittedOnItsWayInIsNotDecidedAgainWhenForwarded() throws Exception {
        int before = decisions.get();
        RawHttp.Response r = get("127.0.0.1", "/guarded/hop");
        assertEquals(200, r.status());
        assertEquals("app client=127.0.0.1 dispatch=FORWARD rule=hosts.allow:1", r.body());
        assertEquals(before + 1, decisions.get(), "one decision for the request and its forward");
    }

    @Test
    void filterUnderTwoOverlappingMappingsDecidesOnce() throws Exception {
        int before = decisions.get();
        int passes = filterPasses.get();
        RawHttp.Response r = get("127.0.0.1", "/guarded/end");
        assertEquals(200, r.status());
        assertEquals("app client=127.0.0.1 dispatch=REQUEST rule=hosts.allow:1", r.body());
        assertEquals(passes + 2, filterPasses.get(), "Jetty ran the twice-mapped filters twice");
        assertEquals(before + 1, decisions.get(), "one decision for both passes");
    }

    @Test
    void refusedRequestNeverReachesTheForwardingServlet() throws Exception {
        int before = decisions.get();
        int ran = EchoServlet.hits(context.getServletContext());
        assertEquals(403, get("127.0.0.2", "/guarded/hop").status());
        assertEquals(before + 1, decisions.get());
        assertEquals(ran, EchoServlet.hits(context.getServletContext()));
    }
}
