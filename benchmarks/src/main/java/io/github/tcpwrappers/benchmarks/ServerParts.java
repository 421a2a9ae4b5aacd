/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.servlet.HostsAccessFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the servlet benchmark servers are made of, the same in every container: the rule files,
 * the applications ({@code hello}, {@code page}) and the guards that are servlet filters.
 */
final class ServerParts {
    private ServerParts() {
    }

    /** The guards {@link #guard} makes into filters. */
    static final List<String> FILTER_GUARDS = List.of("noopFilter", "floorFilter", "apiFilter", "filter", "timedFilter");

    /** A guard filter, and the engine it decides with when it has one (to close with the server). */
    record Guard(Filter filter, Optional<HostsAccess> engine) {
    }

    /**
     * Writes {@code rules - 1} other allowed addresses, then {@code bench: 127.0.0.1}, to
     * {@code dir}'s hosts.allow and {@code ALL: ALL} to its hosts.deny; returns the other addresses.
     */
    static List<String> writeRules(Path dir, int rules) throws IOException {
        List<String> others = new ArrayList<>();
        for (int i = 0; i < rules - 1; i++) {
            others.add("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
        }
        StringBuilder allow = new StringBuilder();
        others.forEach(a -> allow.append("bench: ").append(a).append('\n'));
        allow.append("bench: 127.0.0.1\n");
        Files.writeString(dir.resolve("hosts.allow"), allow);
        Files.writeString(dir.resolve("hosts.deny"), "ALL: ALL\n");
        return others;
    }

    /**
     * The filter for {@code guard}: {@code filter} ({@link HostsAccessFilter} as deployed),
     * {@code timedFilter} (the same under {@link OwnTime}), {@code noopFilter} (only passes the
     * request on: what a filter chain costs), {@code floorFilter} (reads both ends of the
     * connection and sets one attribute: the least this job asks of the container) or
     * {@code apiFilter} (every container call {@link HostsAccessFilter} makes for an admitted
     * request, and nothing else: what is left is the filter's own logic). Empty for any other
     * guard.
     */
    static Optional<Guard> guard(String guard, Path rules, OwnTime.Totals ownTime) throws Exception {
        return switch (guard) {
            case "filter", "timedFilter" -> {
                HostsAccess engine = HostsAccess.builder().directory(rules).build();
                Filter filter = HostsAccessFilter.create(engine, "bench");
                // The timing wrapper has a price of its own, so only the timed server pays it.
                yield Optional.of(new Guard(guard.equals("filter") ? filter : new OwnTime(filter, ownTime),
                        Optional.of(engine)));
            }
            case "noopFilter" -> Optional.of(new Guard((req, res, chain) -> chain.doFilter(req, res), Optional.empty()));
            case "floorFilter" -> Optional.of(new Guard((req, res, chain) -> {
                if (req.getRemotePort() + req.getLocalPort() > 0 && !req.getLocalAddr().isEmpty()) {
                    req.setAttribute("floor", req.getRemoteAddr());
                }
                chain.doFilter(req, res);
            }, Optional.empty()));
            case "apiFilter" -> Optional.of(new Guard((req, res, chain) -> {
                if (req.getAttribute("api.admitted") == null && req.getRemotePort() + req.getLocalPort() > 0
                        && !req.getRemoteAddr().isEmpty() && !req.getLocalAddr().isEmpty()) {
                    req.setAttribute("api.decision", Boolean.TRUE);
                    req.setAttribute("api.admitted", Boolean.TRUE);
                }
                chain.doFilter(req, res);
            }, Optional.empty()));
            default -> Optional.empty();
        };
    }

    /** The application: {@code hello} or {@code page}. */
    static HttpServlet app(String app) {
        return switch (app) {
            case "hello" -> new Hello();
            case "page" -> new Page();
            default -> throw new IllegalArgumentException("app must be hello or page: " + app);
        };
    }

    /** A fixed short answer: the cheapest application, so a guard's cost shows in full. */
    public static final class Hello extends HttpServlet {
        private static final byte[] BODY = "hello\n".getBytes(StandardCharsets.US_ASCII);

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.setContentLength(BODY.length);
            resp.getOutputStream().write(BODY);
        }
    }

    /**
     * An application that does some work: a product list of 40 rows rendered to HTML with
     * escaping (about 3 KB), as a small dynamic page would be.
     */
    public static final class Page extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            StringBuilder html = new StringBuilder(4096).append("<!doctype html><title>Shop</title><table>\n");
            String visitor = req.getRemoteAddr();
            for (int i = 0; i < 40; i++) {
                html.append("<tr><td>").append(i).append("</td><td>");
                escape(html, "Item <" + i + "> & \"friends\" for " + visitor);
                html.append("</td><td>").append(String.format("%.2f", i * 1.25 + 0.99)).append("</td></tr>\n");
            }
            byte[] body = html.append("</table>\n").toString().getBytes(StandardCharsets.UTF_8);
            resp.setContentType("text/html;charset=UTF-8");
            resp.setContentLength(body.length);
            resp.getOutputStream().write(body);
        }

        private static void escape(StringBuilder out, String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '&' -> out.append("&amp;");
                    case '"' -> out.append("&quot;");
                    default -> out.append(c);
                }
            }
        }
    }
}
