/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spring;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.Answer;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.value.Decision;
import java.nio.charset.StandardCharsets;
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
        // Answer.check never fails: no decision in time is a refusal (fail closed), as in every door.
        return Mono.fromCompletionStage(() -> Answer.check(access, asked, http.decisionTimeout()))
                .flatMap(answer -> {
                    answer.failure().ifPresent(why -> LOG.warn("{}: no decision within {} ({}), refusing the request",
                            daemon.get(), http.decisionTimeout(), why.toString()));
                    if (answer.passes()) {
                        exchange.getAttributes().put(DECISION_ATTRIBUTE, answer.decision());
                        return chain.filter(exchange);
                    }
                    // As tcpd: a twist answers in the application's place, after the banner (success on a grant).
                    return answer(exchange.getResponse(), answer.granted() ? 200 : http.deniedStatus(), answer.body());
                });
    }

    private static Mono<Void> answer(ServerHttpResponse response, int status, byte[] body) {
        response.setStatusCode(HttpStatusCode.valueOf(status));
        response.getHeaders().setContentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8));
        response.getHeaders().setCacheControl("no-store");
        response.getHeaders().setContentLength(body.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
