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
 * Enforces hosts.allow and hosts.deny on HTTP requests, as tcpd does on connections: a refused
 * client gets the configured status (403 unless set) with the rule's banner text and twist
 * output as a {@code text/plain} body, and the application never sees the request.
 *
 * <p>In {@code web.xml} (the filter builds and owns its engine, which checks the files every
 * {@code reload-interval}):
 *
 * <pre>{@code
 * <filter>
 *   <filter-name>hosts-access</filter-name>
 *   <filter-class>io.github.tcpwrappers.servlet.HostsAccessFilter</filter-class>
 *   <async-supported>true</async-supported>
 *   <init-param><param-name>daemon</param-name><param-value>shop</param-value></init-param>
 *   <init-param><param-name>allow-file</param-name><param-value>/etc/hosts.allow</param-value></init-param>
 *   <init-param><param-name>deny-file</param-name><param-value>/etc/hosts.deny</param-value></init-param>
 * </filter>
 * <filter-mapping>
 *   <filter-name>hosts-access</filter-name>
 *   <url-pattern>/*</url-pattern>
 *   <dispatcher>REQUEST</dispatcher>
 *   <dispatcher>ASYNC</dispatcher>
 * </filter-mapping>
 * }</pre>
 *
 * <p>In code, with an engine you build and share (its builder sets how often it checks the
 * files and how it logs):
 *
 * <pre>{@code
 * HostsAccess access = HostsAccess.builder().directory(Path.of("/etc")).reloadInterval(Duration.ZERO).build();
 * context.addFilter(new FilterHolder(HostsAccessFilter.create(access, "shop")), "/*",
 *         EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
 * }</pre>
 *
 * <p>Init-params: every key of {@link HostsAccessSettings} (tables, {@code mode},
 * {@code reload-interval}, {@code settle-time}, {@code missing-tables}, {@code shadow-directory},
 * {@code twist-timeout}, {@code twist-max-bytes} and the decision log's), read for the engine
 * the filter builds, with this filter's defaults of 5 s and 64 KiB for twist; a file that fails
 * to load there fails {@code init} with every problem as FILE:LINE; and the filter's own (all
 * optional except {@code daemon}; unknown names are refused):
 * <table>
 * <caption>init-params of the filter</caption>
 * <tr><td>{@code daemon}</td><td>the daemon name rules use for this application</td></tr>
 * <tr><td>{@code denied-status}</td><td>the status of a refusal, 400-599 (default 403)</td></tr>
 * <tr><td>{@code decision-timeout}</td><td>the longest a request waits for a decision that needs
 *     a lookup (default {@code 10s}); past it the request is refused (fail closed)</td></tr>
 * <tr><td>{@code server-name}</td><td>{@code container} (default: the server's name is
 *     {@code getLocalName()} when that is a name) or {@code resolver} (the engine's resolver)</td></tr>
 * </table>
 *
 * <p>The client is {@code getRemoteAddr()} and {@code getRemotePort()}, the server
 * {@code getLocalAddr()}, {@code getLocalName()} and {@code getLocalPort()}, parsed without DNS;
 * {@code getRemoteHost()} is never called, names come from the engine's resolver. Behind a
 * reverse proxy the container must supply the client's address (Jetty's
 * {@code ForwardedRequestCustomizer} or {@code ProxyConnectionFactory}, Tomcat's
 * {@code RemoteIpValve} with its trusted-proxy list): the filter itself never reads
 * {@code X-Forwarded-For} or {@code Forwarded}, which any client can forge.
 *
 * <p>A decision that needs a name or ident lookup does not hold a container thread: the filter
 * starts async processing and continues with {@link AsyncContext#dispatch()} (so map it for
 * {@code ASYNC} too, and later filters that must run as well). When the chain does not support
 * async, the thread waits at most {@code decision-timeout} (and a twist's command time). A twist
 * command runs in the engine ({@link Answer}, within its {@link CommandLimits}), never on a
 * container thread. A rule's {@code twist} answers the request in the application's place even from
 * hosts.allow (with status 200 there); a banner is sent only with a refusal. The body of an
 * answer is bounded (banner files at 1 MiB, twist output at {@code twist-max-bytes}) and is
 * written by the container, whose idle timeout ends a client that does not read it.
 *
 * <p>A granted request carries its {@link Decision} in the request attribute
 * {@link #DECISION_ATTRIBUTE}. Spawn commands and logging happen in the engine.
 */
public final class HostsAccessFilter implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(HostsAccessFilter.class);

    /** Init-param: the daemon name the rules see (required). */
    public static final String DAEMON = "daemon";
    /** Init-param: HTTP status of a refusal. */
    public static final String DENIED_STATUS = "denied-status";
    /** Init-param: the longest wait for a decision before refusing. */
    public static final String DECISION_TIMEOUT = "decision-timeout";
    /** Init-param: {@code container} or {@code resolver}. */
    public static final String SERVER_NAME = "server-name";

    /** The engine a filter configured by init-params builds, unless they say otherwise: twist bounded to 5 s, 64 KiB. */
    private static final HostsAccessSettings ENGINE_DEFAULTS = HostsAccessSettings.defaults()
            .withCommandLimits(CommandLimits.defaults().withTimeout(Duration.ofSeconds(5)).withMaxBytes(64 * 1024));

    /** Request attribute holding the {@link Decision} that admitted the request. */
    public static final String DECISION_ATTRIBUTE = "io.github.tcpwrappers.servlet.decision";

    /** Where the server's host name comes from, for rules such as {@code shop@www.example.com}. */
    public enum ServerName {
        /** {@code getLocalName()} when the container gives a name (Tomcat looks it up once per connection). */
        CONTAINER,
        /** The engine's {@code HostNameResolver}, asked only when a rule needs the name. */
        RESOLVER
    }

    private final Optional<HostsAccess> given;
    private final Optional<Settings> givenSettings;
    private final String admittedKey;
    private volatile Running running;

    /** For {@code web.xml}: everything comes from the init-params. */
    public HostsAccessFilter() {
        this.given = Optional.empty();
        this.givenSettings = Optional.empty();
        this.admittedKey = key();
    }

    private HostsAccessFilter(HostsAccess access, Settings settings) {
        this.given = Optional.of(access);
        this.givenSettings = Optional.of(settings);
        this.admittedKey = key();
    }

    private String key() {
        return DECISION_ATTRIBUTE + ".admitted@" + Integer.toHexString(System.identityHashCode(this));
    }

    /**
     * A filter for programmatic registration on an engine you own; defaults as in web.xml. The
     * engine's own builder sets how it reloads and logs.
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
        return builder(access, daemon).build();
    }

    /**
     * A builder for a programmatic filter with other settings.
     *
     * <pre>{@code
     * Filter filter = HostsAccessFilter.builder(access, "shop")
     *         .deniedStatus(404).decisionTimeout(Duration.ofSeconds(2)).build();
     * }</pre>
     *
     * @param access the engine that decides
     * @param daemon the daemon name the rules see
     * @return the builder
     */
    public static Builder builder(HostsAccess access, String daemon) {
        return new Builder(access, daemon);
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        if (running != null) {
            throw new ServletException("filter '" + config.getFilterName() + "' is already initialised");
        }
        Settings settings;
        HostsAccess access;
        String source = "filter '" + config.getFilterName() + "'";
        if (given.isPresent()) {
            if (config.getInitParameterNames().hasMoreElements()) {
                throw new ServletException(source + " was configured in code; remove its init-params");
            }
            settings = givenSettings.orElseThrow();
            access = given.get();
        } else {
            Map<String, String> params = new TreeMap<>();
            for (String name : Collections.list(config.getInitParameterNames())) {
                params.put(name, config.getInitParameter(name));
            }
            HostsAccessSettings engine;
            try {
                HostsAccessSettings.Reader reader = HostsAccessSettings.Reader.of(source, "init-param", params);
                engine = HostsAccessSettings.read(reader, ENGINE_DEFAULTS);
                settings = Settings.read(reader);
                access = HostsAccess.builder().settings(engine).build();
            } catch (IllegalArgumentException | RulesRejectedException e) {
                throw new ServletException(e instanceof RulesRejectedException ? source + ": " + e.getMessage()
                        : e.getMessage(), e);
            }
            LOG.info("{}: daemon {}, {}", source, settings.daemon(), engine.describeReload());
        }
        running = new Running(config.getFilterName(), access, given.isEmpty(), settings);
        if (given.isPresent()) {
            LOG.info("{}: daemon {}, engine given in code", source, settings.daemon());
        }
    }

    @Override
    public void destroy() {
        Running r = running;
        running = null;
        if (r != null) {
            r.stop();
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Running r = running;
        if (r == null) {
            throw new ServletException("HostsAccessFilter used before init or after destroy");
        }
        // Looked for on every dispatch, the first included: Jetty runs a filter once per matching
        // filter-mapping, so two overlapping mappings pass the same REQUEST dispatch through it twice.
        if (request.getAttribute(admittedKey) == this) {
            // Admitted earlier in this request (a second mapping, our own async dispatch, a forward).
            chain.doFilter(request, response);
            return;
        }
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse out)) {
            throw new ServletException("HostsAccessFilter serves HTTP requests only");
        }
        CompletableFuture<Answer> pending;
        try {
            // Bounded by the engine's timer (the decision) and its command limits (a twist): no
            // timer of the filter's own.
            AccessRequest asked = r.requests.of(http.getRemoteAddr(), http.getRemotePort(), http.getLocalAddr(),
                    http.getLocalPort(), r.settings.serverName() == ServerName.CONTAINER
                            ? () -> Optional.ofNullable(http.getLocalName()) : Optional::empty);
            pending = r.access.check(asked, r.settings.decisionTimeout())
                    .thenCompose(decision -> Answer.of(r.access, decision)).toCompletableFuture();
        } catch (RuntimeException e) {
            pending = CompletableFuture.failedFuture(e);
        }
        if (!pending.isDone() && http.isAsyncSupported()) {
            answerAsync(pending, http, out, r);
            return;
        }
        Answer answer;
        try {
            // Done, or bounded by the engine as above: this wait on a container thread ends.
            answer = pending.join();
        } catch (RuntimeException e) {
            LOG.warn("filter '{}': no decision ({}), refusing the request", r.name, e.toString());
            answer(out, r.settings.deniedStatus(), new byte[0]);
            return;
        }
        if (answer.passes()) {
            admit(http, answer.decision());
            chain.doFilter(http, out);
        } else {
            answer(out, status(answer, r), answer.body());
        }
    }

    /** Frees the container thread while a lookup or a twist runs; the engine bounds both. */
    private void answerAsync(CompletableFuture<Answer> pending, HttpServletRequest http, HttpServletResponse out,
            Running r) {
        AsyncContext async = http.startAsync(http, out);
        async.setTimeout(0); // the engine's timer is the bound; the container's would only race it
        pending.whenComplete((answer, failure) -> {
            if (failure != null) {
                LOG.warn("filter '{}': no decision within {} ({}), refusing the request", r.name,
                        r.settings.decisionTimeout(), failure.toString());
                finishAsync(async, r.settings.deniedStatus(), new byte[0]);
            } else if (answer.passes()) {
                admit(http, answer.decision());
                async.dispatch();
            } else {
                finishAsync(async, status(answer, r), answer.body());
            }
        });
    }

    /** Writes an answer on a container thread (lookup and twist threads must not block on a client). */
    private static void finishAsync(AsyncContext async, int status, byte[] body) {
        Runnable write = () -> {
            try {
                answer((HttpServletResponse) async.getResponse(), status, body);
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
    }

    private void admit(HttpServletRequest http, Decision decision) {
        http.setAttribute(DECISION_ATTRIBUTE, decision);
        http.setAttribute(admittedKey, this);
    }

    /** A twist on a grant answers in the application's place, with success. */
    private static int status(Answer answer, Running r) {
        return answer.granted() ? HttpServletResponse.SC_OK : r.settings.deniedStatus();
    }

    private static void answer(HttpServletResponse out, int status, byte[] body) throws IOException {
        if (out.isCommitted()) {
            return;
        }
        out.reset();
        out.setStatus(status);
        out.setContentType("text/plain;charset=UTF-8");
        out.setHeader("Cache-Control", "no-store");
        out.setContentLength(body.length);
        out.getOutputStream().write(body);
        out.flushBuffer();
    }

    /** What an initialised filter holds until destroy. */
    private static final class Running {
        final String name;
        final HostsAccess access;
        final boolean owned;
        final Settings settings;
        final TextRequests requests;

        Running(String name, HostsAccess access, boolean owned, Settings settings) {
            this.name = name;
            this.access = access;
            this.owned = owned;
            this.settings = settings;
            this.requests = TextRequests.forDaemon(settings.daemon());
        }

        void stop() {
            if (owned) {
                access.close();
            }
        }
    }

    /** Settings for a filter registered in code. */
    public static final class Builder {
        private final HostsAccess access;
        private final String daemon;
        private int deniedStatus = 403;
        private Duration decisionTimeout = Duration.ofSeconds(10);
        private ServerName serverName = ServerName.CONTAINER;

        private Builder(HostsAccess access, String daemon) {
            this.access = Objects.requireNonNull(access, "access");
            this.daemon = Objects.requireNonNull(daemon, "daemon");
        }

        /**
         * The status of a refusal, 400-599 (default 403).
         *
         * @param status the HTTP status of a refusal, 400-599
         * @return this builder
         */
        public Builder deniedStatus(int status) {
            this.deniedStatus = status;
            return this;
        }

        /**
         * The longest wait for a decision that needs lookups; then the request is refused (default 10 s).
         *
         * @param timeout the longest wait
         * @return this builder
         */
        public Builder decisionTimeout(Duration timeout) {
            this.decisionTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /**
         * Where the server's host name comes from (default {@link ServerName#CONTAINER}).
         *
         * @param source where the server's name comes from
         * @return this builder
         */
        public Builder serverName(ServerName source) {
            this.serverName = Objects.requireNonNull(source);
            return this;
        }

        /**
         * The filter.
         *
         * @return the filter
         * @throws IllegalArgumentException for a setting out of range, naming it
         */
        public HostsAccessFilter build() {
            return new HostsAccessFilter(access, new Settings(daemon, deniedStatus, decisionTimeout, serverName));
        }
    }

    /**
     * The filter's own settings, from init-params or its builder.
     *
     * @param daemon the daemon name the rules see
     * @param deniedStatus the HTTP status of a refusal
     * @param decisionTimeout the longest a request waits for a decision before it is refused
     * @param serverName where the server's host name comes from
     */
    record Settings(String daemon, int deniedStatus, Duration decisionTimeout, ServerName serverName) {
        Settings {
            AccessRequest.requireDaemonName(daemon);
            if (deniedStatus < 400 || deniedStatus > 599) {
                throw new IllegalArgumentException(DENIED_STATUS + " must be an HTTP error status 400-599, got "
                        + deniedStatus);
            }
            HostsAccessSettings.positive(DECISION_TIMEOUT, decisionTimeout);
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
