/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.servlet;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.Answer;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.HostsAccessSettings;
import io.github.tcpwrappers.RulesRejectedException;
import io.github.tcpwrappers.TextRequests;
import io.github.tcpwrappers.value.CommandLimits;
import io.github.tcpwrappers.value.Decision;
import io.github.tcpwrappers.value.Durations;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces hosts.allow and hosts.deny on HTTP requests, as tcpd on connections: a refused client
 * gets {@code denied-status} (403) with the rule's banner and twist output as its
 * {@code text/plain} body; the application never sees the request. The client is
 * {@code getRemoteAddr()}, parsed without DNS. A decision that waits for a lookup or a twist
 * holds no container thread: map the filter for {@code ASYNC} too. Init-params: the
 * {@link HostsAccessSettings} keys (twist bounded to 5 s, 64 KiB) and {@link #DAEMON},
 * {@link #DENIED_STATUS}, {@link #DECISION_TIMEOUT}, {@link #SERVER_NAME}; the module README says more.
 *
 * <pre>{@code
 * <filter>
 *   <filter-name>hosts-access</filter-name>
 *   <filter-class>io.github.tcpwrappers.servlet.HostsAccessFilter</filter-class>
 *   <async-supported>true</async-supported>
 *   <init-param><param-name>daemon</param-name><param-value>shop</param-value></init-param>
 * </filter>
 * }</pre>
 */
public final class HostsAccessFilter implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(HostsAccessFilter.class);

    /** Init-param: the daemon name the rules see (required). */
    public static final String DAEMON = "daemon";
    /** Init-param: HTTP status of a refusal, 400-599 (default 403). */
    public static final String DENIED_STATUS = "denied-status";
    /** Init-param: the longest wait for a decision before refusing (default 10 s). */
    public static final String DECISION_TIMEOUT = "decision-timeout";
    /** Init-param: {@code container} or {@code resolver}, see {@link ServerName}. */
    public static final String SERVER_NAME = "server-name";
    /** Request attribute holding the {@link Decision} that admitted the request. */
    public static final String DECISION_ATTRIBUTE = "io.github.tcpwrappers.servlet.decision";

    private static final HostsAccessSettings ENGINE_DEFAULTS = HostsAccessSettings.defaults()
            .withCommandLimits(CommandLimits.defaults().withTimeout(Duration.ofSeconds(5)).withMaxBytes(64 * 1024));

    /** Where the server's host name comes from, for rules such as {@code shop@www.example.com}. */
    public enum ServerName {
        /** {@code getLocalName()} when the container gives a name (Tomcat looks it up once per connection). */
        CONTAINER,
        /** The engine's {@code HostNameResolver}, asked only when a rule needs the name. */
        RESOLVER
    }

    /** The engine and settings given in code; empty for {@code web.xml}, where init builds (and owns) them. */
    private final Optional<Running> given;
    /** Marks a request this filter admitted: a later pass (dispatch, second mapping) is not decided again. */
    private final String admittedKey = DECISION_ATTRIBUTE + "@" + Integer.toHexString(System.identityHashCode(this));
    private volatile Running running;

    /** For {@code web.xml}: everything comes from the init-params. */
    public HostsAccessFilter() {
        this(Optional.empty());
    }

    private HostsAccessFilter(Optional<Running> given) {
        this.given = given;
    }

    /**
     * A filter on an engine you own (its builder sets how it reloads and logs); defaults as in web.xml.
     *
     * <pre>{@code
     * context.addFilter(new FilterHolder(HostsAccessFilter.create(access, "shop")), "/*",
     *         EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
     * }</pre>
     *
     * @param access the engine that decides
     * @param daemon the daemon name the rules see
     * @return the filter
     */
    public static HostsAccessFilter create(HostsAccess access, String daemon) {
        return create(access, Map.of(DAEMON, daemon));
    }

    /**
     * A filter on an engine you own, with the filter's own init-params as web.xml gives them
     * ({@link #DAEMON}, {@link #DENIED_STATUS}, {@link #DECISION_TIMEOUT}, {@link #SERVER_NAME}).
     *
     * <pre>{@code
     * Filter filter = HostsAccessFilter.create(access, Map.of(DAEMON, "shop", DENIED_STATUS, "404"));
     * }</pre>
     *
     * @param access the engine that decides
     * @param params the filter's init-params by name
     * @return the filter
     * @throws IllegalArgumentException listing every bad, missing or unknown init-param
     */
    public static HostsAccessFilter create(HostsAccess access, Map<String, String> params) {
        Settings settings = Settings.read(HostsAccessSettings.Reader.of("HostsAccessFilter", "init-param", params));
        return new HostsAccessFilter(Optional.of(new Running(Objects.requireNonNull(access, "access"), settings,
                TextRequests.forDaemon(settings.daemon()))));
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        String source = "filter '" + config.getFilterName() + "'";
        if (running != null) {
            throw new ServletException(source + " is already initialised");
        }
        if (given.isPresent()) {
            if (config.getInitParameterNames().hasMoreElements()) {
                throw new ServletException(source + " was configured in code; remove its init-params");
            }
            LOG.info("{}: daemon {}, engine given in code", source, given.get().settings().daemon());
            running = given.get();
            return;
        }
        Map<String, String> params = new TreeMap<>();
        Collections.list(config.getInitParameterNames()).forEach(n -> params.put(n, config.getInitParameter(n)));
        try {
            HostsAccessSettings.Reader reader = HostsAccessSettings.Reader.of(source, "init-param", params);
            HostsAccessSettings engine = HostsAccessSettings.read(reader, ENGINE_DEFAULTS);
            Settings settings = Settings.read(reader);
            running = new Running(HostsAccess.builder().settings(engine).build(), settings,
                    TextRequests.forDaemon(settings.daemon()));
            LOG.info("{}: daemon {}, {}", source, settings.daemon(), engine.describeReload());
        } catch (IllegalArgumentException | RulesRejectedException e) {
            throw new ServletException(e instanceof RulesRejectedException ? source + ": " + e.getMessage()
                    : e.getMessage(), e);
        }
    }

    @Override
    public void destroy() {
        Running r = running;
        running = null;
        if (r != null && given.isEmpty()) {
            r.access().close();
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Running r = running;
        if (r == null) {
            throw new ServletException("HostsAccessFilter used before init or after destroy");
        }
        // On every dispatch, the first included: Jetty runs a filter once per matching mapping,
        // so two overlapping mappings pass the same REQUEST dispatch through it twice.
        if (request.getAttribute(admittedKey) == this) {
            chain.doFilter(request, response);
            return;
        }
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse out)) {
            throw new ServletException("HostsAccessFilter serves HTTP requests only");
        }
        CompletableFuture<Answer> pending;
        try {
            // Bounded by the engine's timer (decision) and command limits (twist): no timer here.
            AccessRequest asked = r.requests().of(http.getRemoteAddr(), http.getRemotePort(), http.getLocalAddr(),
                    http.getLocalPort(), r.settings().serverName() == ServerName.CONTAINER
                            ? () -> Optional.ofNullable(http.getLocalName()) : Optional::empty);
            pending = Answer.check(r.access(), asked, r.settings().decisionTimeout()).toCompletableFuture();
        } catch (RuntimeException e) {
            pending = CompletableFuture.completedFuture(Answer.failed(e));
        }
        if (!pending.isDone() && http.isAsyncSupported()) {
            AsyncContext async = http.startAsync(http, out);
            async.setTimeout(0); // the engine's timer is the bound; the container's would only race it
            pending.thenAccept(answer -> {
                if (admitted(http, answer, r)) {
                    async.dispatch();
                    return;
                }
                // Written on a container thread: lookup and twist threads must not block on a client.
                Runnable write = () -> {
                    try {
                        refuse((HttpServletResponse) async.getResponse(), answer, r);
                    } catch (IOException | RuntimeException e) {
                        LOG.debug("could not send the refusal: {}", e.toString());
                    } finally {
                        async.complete();
                    }
                };
                try {
                    async.start(write);
                } catch (RuntimeException e) {
                    write.run();
                }
            });
            return;
        }
        Answer answer = pending.join(); // done, or bounded by the engine as above; never fails
        if (admitted(http, answer, r)) {
            chain.doFilter(http, out);
        } else {
            refuse(out, answer, r);
        }
    }

    /** Whether the application serves the request (then marked admitted); a failure is logged and refused. */
    private boolean admitted(HttpServletRequest http, Answer answer, Running r) {
        answer.failure().ifPresent(why -> LOG.warn("filter for {}: no decision within {} ({}), refusing the request",
                r.settings().daemon(), r.settings().decisionTimeout(), why.toString()));
        if (answer.passes()) {
            http.setAttribute(DECISION_ATTRIBUTE, answer.decision());
            http.setAttribute(admittedKey, this);
        }
        return answer.passes();
    }

    /** Sends the answer in the application's place; a twist on a grant answers with success. */
    private static void refuse(HttpServletResponse out, Answer answer, Running r) throws IOException {
        if (out.isCommitted()) {
            return;
        }
        byte[] body = answer.body();
        out.reset();
        out.setStatus(answer.granted() ? HttpServletResponse.SC_OK : r.settings().deniedStatus());
        out.setContentType("text/plain;charset=UTF-8");
        out.setHeader("Cache-Control", "no-store");
        out.setContentLength(body.length);
        out.getOutputStream().write(body);
        out.flushBuffer();
    }

    /** What an initialised filter decides with. */
    private record Running(HostsAccess access, Settings settings, TextRequests requests) {
    }

    /** The filter's own settings, from init-params in web.xml or in code. */
    record Settings(String daemon, int deniedStatus, Duration decisionTimeout, ServerName serverName) {
        Settings {
            AccessRequest.requireDaemonName(daemon);
            if (deniedStatus < 400 || deniedStatus > 599) {
                throw new IllegalArgumentException(DENIED_STATUS + " must be an HTTP error status 400-599, got "
                        + deniedStatus);
            }
            Durations.positive(DECISION_TIMEOUT, decisionTimeout);
        }

        /** The filter's init-params; every mistake (the engine's too) is reported at once, by name. */
        static Settings read(HostsAccessSettings.Reader reader) {
            Optional<String> daemon = reader.required(DAEMON,
                    "the daemon name your rules use for this web application", AccessRequest::requireDaemonName);
            int status = reader.get(DENIED_STATUS, 403, Integer::parseInt);
            Duration decision = reader.get(DECISION_TIMEOUT, Duration.ofSeconds(10), HostsAccessSettings::duration);
            ServerName serverName = reader.get(SERVER_NAME, ServerName.CONTAINER,
                    v -> HostsAccessSettings.choice(v, ServerName.class));
            return reader.finish(() -> new Settings(daemon.orElseThrow(), status, decision, serverName));
        }
    }
}
