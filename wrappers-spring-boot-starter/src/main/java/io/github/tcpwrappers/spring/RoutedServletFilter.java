/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spring;

import io.github.tcpwrappers.servlet.HostsAccessFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.server.PathContainer;

/**
 * The application's {@link HostsAccessFilter}, then, for a path under a route, the route's: a
 * request there must pass both daemons. Each daemon is one ordinary filter, so async lookups,
 * banners and twist behave as the servlet door documents.
 */
final class RoutedServletFilter implements Filter {
    private final HostsAccessFilter application;
    private final RouteDaemons routes;
    private final Map<String, HostsAccessFilter> byDaemon;

    RoutedServletFilter(String daemon, RouteDaemons routes, Function<String, HostsAccessFilter> filterFor) {
        this.application = filterFor.apply(daemon);
        this.routes = routes;
        this.byDaemon = new LinkedHashMap<>();
        for (String d : routes.daemons()) {
            byDaemon.put(d, filterFor.apply(d));
        }
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        application.init(config);
        for (HostsAccessFilter f : byDaemon.values()) {
            f.init(config);
        }
    }

    @Override
    public void destroy() {
        application.destroy();
        byDaemon.values().forEach(HostsAccessFilter::destroy);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<String> route = request instanceof HttpServletRequest http ? routes.daemonFor(paths(http))
                : Optional.empty();
        if (route.isEmpty()) {
            application.doFilter(request, response, chain);
            return;
        }
        HostsAccessFilter second = byDaemon.get(route.get());
        application.doFilter(request, response, (req, res) -> second.doFilter(req, res, chain));
    }

    /**
     * The path as the container normalised and decoded it (servlet path and path info) and as
     * it arrived (the request URI within the context): a route covers a request when either
     * matches, so no spelling of a path (";params", "%2e", "//") routes to the application while
     * escaping its route's daemon.
     */
    private static List<PathContainer> paths(HttpServletRequest http) {
        List<PathContainer> paths = new ArrayList<>(2);
        String normalised = http.getServletPath() + Optional.ofNullable(http.getPathInfo()).orElse("");
        paths.add(PathContainer.parsePath(normalised.isEmpty() ? "/" : normalised));
        String uri = http.getRequestURI();
        String context = http.getContextPath();
        if (uri != null) {
            String within = uri.startsWith(context) ? uri.substring(context.length()) : uri;
            paths.add(PathContainer.parsePath(within.isEmpty() ? "/" : within));
        }
        return paths;
    }
}
