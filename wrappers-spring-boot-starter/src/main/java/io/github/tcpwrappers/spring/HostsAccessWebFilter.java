/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spring;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.value.Decision;
import io.github.tcpwrappers.value.TwistOutput;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * WebFlux's half of {@code tcpwrappers.routes}: the connection-level handler has already passed
 * the client for the application's daemon (before any HTTP was parsed); a request whose path is
 * under a route must also pass that route's daemon. The decision never blocks a thread: a lookup
 * it needs completes the {@link Mono}.
 */
final class HostsAccessWebFilter implements WebFilter, Ordered {
    private static final Logger LOG = LoggerFactory.getLogger(HostsAccessWebFilter.class);

    /** Exchange attribute holding the route's {@link Decision} that admitted the request. */
    static final String DECISION_ATTRIBUTE = "io.github.tcpwrappers.spring.decision";

    private final HostsAccess access;
    private final RouteDaemons routes;
    private final HostsAccessProperties.Http http;

    HostsAccessWebFilter(HostsAccess access, RouteDaemons routes, HostsAccessProperties.Http http) {
        this.access = access;
        this.routes = routes;
        this.http = http;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        Optional<String> daemon = routes.daemonFor(List.of(request.getPath().pathWithinApplication()));
        if (daemon.isEmpty()) {
            return chain.filter(exchange);
        }
        AccessRequest asked = AccessRequest.of(daemon.get(), request.getRemoteAddress(), request.getLocalAddress());
        Duration timeout = http.decisionTimeout();
        return Mono.fromCompletionStage(() -> access.check(asked, timeout))
                .map(Optional::of)
                .onErrorResume(e -> {
                    // A wrapper that cannot decide refuses (fail closed), as the other doors do.
                    LOG.warn("{}: no decision within {} ({}), refusing the request", daemon.get(), timeout, e.toString());
                    return Mono.just(Optional.empty());
                })
                .flatMap(decision -> decision.isEmpty() ? answer(exchange.getResponse(), http.deniedStatus(), new byte[0])
                        : act(decision.get(), exchange, chain));
    }

    private Mono<Void> act(Decision decision, ServerWebExchange exchange, WebFilterChain chain) {
        byte[] banner = decision.bannerBytes().orElse(new byte[0]);
        int status = decision.granted() ? 200 : http.deniedStatus();
        if (decision.twist().isPresent()) {
            // As tcpd: the command answers in the application's place, after the banner.
            return Mono.fromCompletionStage(() -> access.twistOutput(decision.twist().get()))
                    .map(TwistOutput::bytes)
                    .onErrorReturn(new byte[0])
                    .flatMap(out -> answer(exchange.getResponse(), status, concat(banner, out)));
        }
        if (decision.granted()) {
            exchange.getAttributes().put(DECISION_ATTRIBUTE, decision);
            return chain.filter(exchange);
        }
        return answer(exchange.getResponse(), status, banner);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static Mono<Void> answer(ServerHttpResponse response, int status, byte[] body) {
        response.setStatusCode(HttpStatusCode.valueOf(status));
        response.getHeaders().setContentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8));
        response.getHeaders().setCacheControl("no-store");
        response.getHeaders().setContentLength(body.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
