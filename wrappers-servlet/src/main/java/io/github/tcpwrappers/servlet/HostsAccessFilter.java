package io.github.tcpwrappers.servlet;

import io.github.tcpwrappers.DecisionLog;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.RulesRejectedException;
import io.github.tcpwrappers.value.CommandLimits;
import io.github.tcpwrappers.value.Decision;
import io.github.tcpwrappers.value.TwistOutput;
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
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * <p>Init-params (all optional except {@code daemon}; unknown names are refused):
 * <table>
 * <caption>init-params</caption>
 * <tr><td>{@code daemon}</td><td>the daemon name rules use for this application</td></tr>
 * <tr><td>{@code allow-file}, {@code deny-file}</td><td>the tables (default {@code /etc/hosts.allow},
 *     {@code /etc/hosts.deny}); web applications may share them</td></tr>
 * <tr><td>{@code mode}</td><td>{@code strict} (default: a file with problems fails {@code init}
 *     with every problem as FILE:LINE) or {@code libwrap}</td></tr>
 * <tr><td>{@code reload-interval}</td><td>the engine's
 *     {@link HostsAccess.Builder#reloadInterval(Duration) reload interval} (default {@code 1s};
 *     {@code 0} checks the files on every request, as libwrap, off the container thread;
 *     {@code never} stops polling, though a change the engine's WatchService reports is still
 *     taken in); a file that fails to load in strict mode keeps the rules in force and is logged
 *     with FILE:LINE</td></tr>
 * <tr><td>{@code settle-time}</td><td>how long a changed table must hold still before it is put
 *     in force (default {@code 1s}; see {@link HostsAccess.Builder#settleTime(Duration)}); replace
 *     the files by renaming a finished copy over them</td></tr>
 * <tr><td>{@code missing-tables}</td><td>{@code refuse} (strict mode's default: a table that does
 *     not exist fails {@code init}, naming it) or {@code empty} (libwrap's reading, the libwrap
 *     mode's default)</td></tr>
 * <tr><td>{@code denied-status}</td><td>the status of a refusal, 400-599 (default 403)</td></tr>
 * <tr><td>{@code decision-timeout}</td><td>the longest a request waits for a decision that needs
 *     a lookup (default {@code 10s}); past it the request is refused (fail closed)</td></tr>
 * <tr><td>{@code twist-timeout}, {@code twist-max-bytes}</td><td>the {@link CommandLimits} of the
 *     engine the filter builds: how long its commands (spawn, aclexec, twist) may run and how much
 *     twist output an answer carries (default {@code 5s}, 65536); an engine given in code has its
 *     own</td></tr>
 * <tr><td>{@code server-name}</td><td>{@code container} (default: the server's name is
 *     {@code getLocalName()} when that is a name) or {@code resolver} (the engine's resolver)</td></tr>
 * <tr><td>{@code granted-log-format}, {@code denied-log-format}</td><td>the engine's
 *     {@link DecisionLog} lines, with the %-sequences of hosts_access(5) (default
 *     {@value DecisionLog#GRANTED_FORMAT}, {@value DecisionLog#DENIED_FORMAT})</td></tr>
 * <tr><td>{@code granted-log-level}, {@code denied-log-level}</td><td>their SLF4J levels when the
 *     rule has no {@code severity} (default {@code info}, {@code warn})</td></tr>
 * <tr><td>{@code logger}</td><td>the SLF4J logger of those lines (default
 *     {@value DecisionLog#LOGGER})</td></tr>
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
 * async, the thread waits at most {@code decision-timeout}. A twist command runs in the engine
 * ({@link HostsAccess#twistOutput}, within its {@link CommandLimits}), never on a container
 * thread. A rule's {@code twist} answers the request in the application's place even from
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
    /** Init-param: path of the allow table. */
    public static final String ALLOW_FILE = "allow-file";
    /** Init-param: path of the deny table. */
    public static final String DENY_FILE = "deny-file";
    /** Init-param: {@code strict} or {@code libwrap}. */
    public static final String MODE = "mode";
    /** Init-param: {@code 0}, a duration such as {@code 500ms} / {@code 2s} / {@code PT1S}, or {@code never}. */
    public static final String RELOAD_INTERVAL = "reload-interval";
    /** Init-param: HTTP status of a refusal. */
    public static final String DENIED_STATUS = "denied-status";
    /** Init-param: the longest wait for a decision before refusing. */
    public static final String DECISION_TIMEOUT = "decision-timeout";
    /** Init-param: the longest a twist command runs for one answer. */
    public static final String TWIST_TIMEOUT = "twist-timeout";
    /** Init-param: the most bytes of twist output one answer carries. */
    public static final String TWIST_MAX_BYTES = "twist-max-bytes";
    /** Init-param: {@code container} or {@code resolver}. */
    public static final String SERVER_NAME = "server-name";
    /** Init-param: the %-format of the line logged for a granted request. */
    public static final String GRANTED_LOG_FORMAT = "granted-log-format";
    /** Init-param: the %-format of the line logged for a refused request. */
    public static final String DENIED_LOG_FORMAT = "denied-log-format";
    /** Init-param: the level of a granted line without a rule {@code severity}: trace, debug, info, warn, error. */
    public static final String GRANTED_LOG_LEVEL = "granted-log-level";
    /** Init-param: the level of a refused line without a rule {@code severity}. */
    public static final String DENIED_LOG_LEVEL = "denied-log-level";
    /** Init-param: the SLF4J logger of the decision lines. */
    public static final String LOGGER = "logger";

    /** Init-param: how long a changed table must hold still before it is put in force (default {@code 1s}). */
    public static final String SETTLE_TIME = "settle-time";
    /** Init-param: {@code refuse} (strict mode's default) or {@code empty} (libwrap's) for a missing table. */
    public static final String MISSING_TABLES = "missing-tables";
    /**
     * Init-param: a directory whose {@code hosts.allow} and {@code hosts.deny} are shadow tables,
     * decided beside the real ones and only logged where they differ (see
     * {@link HostsAccess.Builder#shadowDirectory}); none by default.
     */
    public static final String SHADOW_DIRECTORY = "shadow-directory";

    static final List<String> INIT_PARAMS = List.of(DAEMON, ALLOW_FILE, DENY_FILE, MODE, RELOAD_INTERVAL,
            DENIED_STATUS, DECISION_TIMEOUT, TWIST_TIMEOUT, TWIST_MAX_BYTES, SERVER_NAME, GRANTED_LOG_FORMAT,
            DENIED_LOG_FORMAT, GRANTED_LOG_LEVEL, DENIED_LOG_LEVEL, LOGGER, SETTLE_TIME, MISSING_TABLES,
            SHADOW_DIRECTORY);

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
        if (given.isPresent()) {
            if (config.getInitParameterNames().hasMoreElements()) {
                throw new ServletException("filter '" + config.getFilterName()
                        + "' was configured in code; remove its init-params");
            }
            settings = givenSettings.orElseThrow();
            access = given.get();
        } else {
            settings = Settings.fromInitParams(config);
            try {
                access = settings.tables().configure(HostsAccess.builder().allowFile(settings.allowFile())
                        .denyFile(settings.denyFile()).mode(settings.mode()).reloadInterval(settings.engineReloadInterval())
                        .decisionLog(settings.log().decisionLog())
                        .commandLimits(CommandLimits.defaults().withTimeout(settings.twistTimeout())
                                .withMaxBytes(settings.twistMaxBytes())))
                        .build();
            } catch (RulesRejectedException e) {
                throw new ServletException("filter '" + config.getFilterName() + "': " + e.getMessage(), e);
            }
        }
        running = new Running(config.getFilterName(), access, given.isEmpty(), settings);
        LOG.info("filter '{}': daemon {}, {}", config.getFilterName(), settings.daemon(), given.isPresent()
                ? "engine given in code"
                : "allow " + settings.allowFile() + ", deny " + settings.denyFile() + ", mode " + settings.mode()
                        + ", reload " + settings.reloadInterval().map(d -> d.isZero() ? "on every request" : "every " + d)
                                .orElse("never (changes the WatchService sees are still taken in)"));
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
        CompletableFuture<Decision> pending;
        try {
            // Bounded by the engine's timer: no timer of the filter's own.
            pending = r.access.check(r.requests.of(http), r.settings.decisionTimeout()).toCompletableFuture();
        } catch (RuntimeException e) {
            pending = CompletableFuture.failedFuture(e);
        }
        if (pending.isDone()) {
            Decision decision;
            try {
                decision = pending.join();
            } catch (RuntimeException e) {
                LOG.error("filter '{}': deciding failed, refusing the request", r.name, e);
                answer(out, r.settings.deniedStatus(), new byte[0]);
                return;
            }
            act(decision, http, out, chain, r);
        } else if (http.isAsyncSupported()) {
            decideAsync(pending, http, out, r);
        } else {
            Optional<Decision> decision = waitFor(pending, r.settings.decisionTimeout());
            if (decision.isPresent()) {
                act(decision.get(), http, out, chain, r);
            } else {
                answer(out, r.settings.deniedStatus(), new byte[0]);
            }
        }
    }

    private static <T> Optional<T> waitFor(CompletableFuture<T> pending, Duration timeout) {
        try {
            return Optional.of(pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            LOG.warn("no answer within {}, refusing the request", timeout);
        } catch (ExecutionException e) {
            LOG.error("deciding failed, refusing the request", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    /** Enforces a decision on the thread that has the request (a container thread). */
    private void act(Decision decision, HttpServletRequest http, HttpServletResponse out, FilterChain chain, Running r)
            throws IOException, ServletException {
        if (decision.twist().isEmpty()) {
            if (decision.granted()) {
                admit(http, decision);
                chain.doFilter(http, out);
            } else {
                answer(out, r.settings.deniedStatus(), banner(decision));
            }
            return;
        }
        int status = status(decision, r);
        CompletableFuture<byte[]> body = twist(decision, r);
        if (http.isAsyncSupported()) {
            AsyncContext async = http.startAsync(http, out);
            async.setTimeout(0); // the engine's command timeout ends the twist
            body.whenComplete((bytes, failure) -> finishAsync(async, status, bytes));
        } else {
            // The engine's time limit ends the command, so this wait is bounded.
            answer(out, status, body.join());
        }
    }

    private void decideAsync(CompletableFuture<Decision> pending, HttpServletRequest http, HttpServletResponse out,
            Running r) {
        AsyncContext async = http.startAsync(http, out);
        Duration decide = r.settings.decisionTimeout();
        // The engine bounds the decision and the twist; the container's timeout is only a backstop.
        async.setTimeout(0);
        pending.whenComplete((decision, failure) -> {
            if (failure != null) {
                LOG.warn("filter '{}': no decision within {} ({}), refusing the request", r.name, decide,
                        failure.toString());
                finishAsync(async, r.settings.deniedStatus(), new byte[0]);
            } else if (decision.twist().isPresent()) {
                int status = status(decision, r);
                twist(decision, r).whenComplete((bytes, f) -> finishAsync(async, status, bytes));
            } else if (decision.granted()) {
                admit(http, decision);
                async.dispatch();
            } else {
                finishAsync(async, r.settings.deniedStatus(), banner(decision));
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

    private static int status(Decision decision, Running r) {
        return decision.granted() ? HttpServletResponse.SC_OK : r.settings.deniedStatus();
    }

    private static byte[] banner(Decision decision) {
        return decision.bannerBytes().orElse(new byte[0]);
    }

    /** Banner text (libwrap sends it before the twist command takes over), then the command's output. */
    private static CompletableFuture<byte[]> twist(Decision decision, Running r) {
        byte[] banner = banner(decision);
        return r.access.twistOutput(decision.twist().orElseThrow()).toCompletableFuture().thenApply(output -> {
            if (output.ending() == TwistOutput.Ending.REFUSED) {
                LOG.warn("filter '{}': twist refused by the command limits; answering without its output", r.name);
            }
            byte[] out = output.bytes();
            byte[] body = new byte[banner.length + out.length];
            System.arraycopy(banner, 0, body, 0, banner.length);
            System.arraycopy(out, 0, body, banner.length, out.length);
            return body;
        });
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
        final RecentRequests requests;

        Running(String name, HostsAccess access, boolean owned, Settings settings) {
            this.name = name;
            this.access = access;
            this.owned = owned;
            this.settings = settings;
            this.requests = new RecentRequests(settings.daemon(), settings.serverName());
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

        /** The status of a refusal, 400-599 (default 403). */
        public Builder deniedStatus(int status) {
            this.deniedStatus = status;
            return this;
        }

        /** The longest wait for a decision that needs lookups; then the request is refused (default 10 s). */
        public Builder decisionTimeout(Duration timeout) {
            this.decisionTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Where the server's host name comes from (default {@link ServerName#CONTAINER}). */
        public Builder serverName(ServerName source) {
            this.serverName = Objects.requireNonNull(source);
            return this;
        }

        /**
         * The filter.
         *
         * @throws IllegalArgumentException for a setting out of range, naming it
         */
        public HostsAccessFilter build() {
            Settings defaults = Settings.programmatic(daemon);
            Settings settings = new Settings(daemon, defaults.allowFile(), defaults.denyFile(), defaults.mode(),
                    defaults.reloadInterval(), deniedStatus, decisionTimeout, defaults.twistTimeout(),
                    defaults.twistMaxBytes(), serverName,
                    defaults.log(), defaults.tables());
            return new HostsAccessFilter(access, settings);
        }
    }
}
