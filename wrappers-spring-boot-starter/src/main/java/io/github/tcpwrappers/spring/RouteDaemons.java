/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spring;

import java.util.List;
import java.util.Optional;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * {@code tcpwrappers.routes}, compiled: which extra daemon a request path must also pass. The
 * patterns are parsed once, at start-up, so a bad one fails there naming it.
 */
final class RouteDaemons {
    private record Compiled(List<PathPattern> patterns, String daemon) {
    }

    private final List<Compiled> routes;

    private RouteDaemons(List<Compiled> routes) {
        this.routes = routes;
    }

    static RouteDaemons of(List<HostsAccessProperties.Route> routes) {
        PathPatternParser parser = PathPatternParser.defaultInstance;
        return new RouteDaemons(routes.stream().map(r -> new Compiled(r.paths().stream().map(p -> {
            try {
                return parser.parse(p);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("tcpwrappers.routes[].paths: bad path pattern '" + p + "': "
                        + e.getMessage(), e);
            }
        }).toList(), r.daemon())).toList());
    }

    boolean isEmpty() {
        return routes.isEmpty();
    }

    /** The daemon of the first route one of whose patterns matches any of {@code paths}. */
    Optional<String> daemonFor(List<PathContainer> paths) {
        for (Compiled route : routes) {
            for (PathPattern pattern : route.patterns()) {
                for (PathContainer path : paths) {
                    if (pattern.matches(path)) {
                        return Optional.of(route.daemon());
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The distinct daemon names of the routes, in order. */
    List<String> daemons() {
        return routes.stream().map(Compiled::daemon).distinct().toList();
    }
}
