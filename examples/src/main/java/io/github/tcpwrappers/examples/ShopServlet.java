/*
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
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
