/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.servlet;

import io.github.tcpwrappers.value.Decision;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application behind the filter: says who it saw and how it was dispatched, and counts its
 * runs in the context attribute {@code hits} (so tests can show a refused request never ran it).
 */
public class EchoServlet extends HttpServlet {
    static final String HITS = "hits";

    @Override
    public void init() {
        // Both servlets of the test webapp share one count; load-on-startup runs them in turn.
        if (getServletContext().getAttribute(HITS) == null) {
            getServletContext().setAttribute(HITS, new AtomicInteger());
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ((AtomicInteger) getServletContext().getAttribute(HITS)).incrementAndGet();
        Object decision = req.getAttribute(HostsAccessFilter.DECISION_ATTRIBUTE);
        String rule = decision instanceof Decision d ? d.rule().map(r -> r.file().replaceAll(".*/", "") + ":" + r.line()).orElse("default") : "none";
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().print("app client=" + req.getRemoteAddr() + " dispatch=" + req.getDispatcherType() + " rule=" + rule);
    }

    static int hits(ServletContext context) {
        return ((AtomicInteger) context.getAttribute(HITS)).get();
    }
}
