/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.examples;

import io.github.tcpwrappers.servlet.HostsAccessFilter;
import io.github.tcpwrappers.value.Decision;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The web shop's only page. It runs only for clients the filter let through, and says which
 * rule did (the filter leaves its {@link Decision} in a request attribute).
 */
public final class ShopServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String rule = request.getAttribute(HostsAccessFilter.DECISION_ATTRIBUTE) instanceof Decision d
                ? d.rule().map(r -> r.toString()).orElse("no rule (default allow)")
                : "no decision";
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream().write(("Welcome to the web shop, " + request.getRemoteAddr()
                + ". Let in by " + rule + ".\n").getBytes(StandardCharsets.UTF_8));
    }
}
