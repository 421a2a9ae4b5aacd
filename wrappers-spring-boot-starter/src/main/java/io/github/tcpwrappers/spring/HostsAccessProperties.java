/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spring;

import io.github.tcpwrappers.DecisionLog;
import io.github.tcpwrappers.HostsAccessSettings;
import io.github.tcpwrappers.HostsAccessSettings.LogLines;
import io.github.tcpwrappers.MissingTables;
import io.github.tcpwrappers.Mode;
import io.github.tcpwrappers.value.CommandLimits;
import io.github.tcpwrappers.value.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.event.Level;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code tcpwrappers.*} properties: where the tables are, how they load and reload, which
 * daemon names the rules see, and how names and users are looked up.
 *
 * <pre>{@code
 * tcpwrappers:
 *   directory: /etc/myapp            # reads /etc/myapp/hosts.allow and /etc/myapp/hosts.deny
 *   daemon: shop                     # default: spring.application.name
 *   routes:
 *     - paths: /actuator/**
 *       daemon: shop-admin           # these requests must pass shop AND shop-admin
 * }</pre>
 */
@ConfigurationProperties("tcpwrappers")
public final class HostsAccessProperties {
    /** Whether the starter puts the rules in force at all. */
    private final boolean enabled;
    /** The engine's part, checked by the core's own settings type, as every door's is. */
    private final HostsAccessSettings settings;
    /** The daemon name the rules see for this application (default: spring.application.name). */
    private final String daemon;
    /** Path patterns whose requests must also pass their own daemon name (servlet and WebFlux). */
    private final List<Route> routes;
    /** How client names and users are looked up when a rule needs them. */
    private final Lookups lookups;
    /** How an HTTP request is refused. */
    private final Http http;
    /** The interceptor registered with Spring gRPC. */
    private final Grpc grpc;

    /**
     * Bound by Spring from the {@code tcpwrappers.*} properties.
     *
     * @param enabled whether the starter puts the rules in force at all
     * @param directory a directory holding hosts.allow and hosts.deny, or null
     * @param allowFile the allow table, or null for {@code directory/hosts.allow}, else {@code /etc/hosts.allow}
     * @param denyFile the deny table, or null for {@code directory/hosts.deny}, else {@code /etc/hosts.deny}
     * @param mode strict (a table with problems fails start-up with FILE:LINE, and a broken edit
     *     keeps the last good rules) or libwrap (loads what libwrap loads)
     * @param reloadInterval how often the tables are checked for changes; 0: on every request, as libwrap
     * @param settleTime how long a changed table must hold still before it is put in force
     * @param missingTables what a missing table means, or null for the mode's default
     * @param shadowDirectory a directory of shadow tables (never enforced, differences logged), or null
     * @param daemon the daemon name, or null for {@code spring.application.name}
     * @param routes path patterns whose requests must also pass their own daemon name
     * @param lookups how client names and users are looked up
     * @param commands bounds of the spawn, aclexec and twist commands
     * @param http how an HTTP request is refused
     * @param grpc the gRPC interceptor
     * @param log the decision log lines
     * @throws IllegalArgumentException naming the property, for a value the engine refuses
     */
    public HostsAccessProperties(@DefaultValue("true") boolean enabled, Path directory, Path allowFile, Path denyFile,
            @DefaultValue("strict") Mode mode, @DefaultValue("1s") Duration reloadInterval,
            @DefaultValue("1s") Duration settleTime, MissingTables missingTables, Path shadowDirectory, String daemon,
            @DefaultValue List<Route> routes, @DefaultValue Lookups lookups, @DefaultValue Commands commands,
            @DefaultValue Http http, @DefaultValue Grpc grpc, @DefaultValue Log log) {
        this.enabled = enabled;
        Path tables = directory != null ? directory : Path.of("/etc");
        try {
            this.settings = new HostsAccessSettings(allowFile != null ? allowFile : tables.resolve("hosts.allow"),
                    denyFile != null ? denyFile : tables.resolve("hosts.deny"), mode, Optional.of(reloadInterval),
                    settleTime, Optional.ofNullable(missingTables), Optional.ofNullable(shadowDirectory),
                    CommandLimits.defaults().withTimeout(commands.timeout()).withMaxBytes(commands.maxOutputBytes()),
                    new LogLines(log.logger(), log.grantedFormat(), log.deniedFormat(), log.grantedLevel(),
                            log.deniedLevel()));
        } catch (IllegalArgumentException e) {
            // the core names its own keys (reload-interval, settle-time, ...), the same words under tcpwrappers.
            throw new IllegalArgumentException("tcpwrappers: " + e.getMessage(), e);
        }
        this.daemon = daemon == null ? null : DaemonName.check("tcpwrappers.daemon", daemon);
        this.routes = List.copyOf(routes);
        this.lookups = lookups;
        this.http = http;
        this.grpc = grpc;
    }

    /** {@return whether the starter puts the rules in force at all} */
    public boolean enabled() {
        return enabled;
    }

    /**
     * The engine's settings, as {@code HostsAccess.Builder.settings} takes them.
     *
     * @return tables, mode, reloading, shadow tables, command limits and decision log
     */
    public HostsAccessSettings settings() {
        return settings;
    }

    /**
     * Empty: {@code spring.application.name} names the daemon.
     *
     * @return the daemon name, when set
     */
    public Optional<String> daemon() {
        return Optional.ofNullable(daemon);
    }

    /** {@return the routes, in the order they are tried} */
    public List<Route> routes() {
        return routes;
    }

    /** {@return how names and users are looked up} */
    public Lookups lookups() {
        return lookups;
    }

    /** {@return how an HTTP request is refused} */
    public Http http() {
        return http;
    }

    /** {@return the gRPC interceptor's settings} */
    public Grpc grpc() {
        return grpc;
    }

    /**
     * Requests whose path matches one of {@code paths} (Spring path patterns such as
     * {@code /actuator/**}) must also pass {@code daemon}; the first route that matches counts.
     *
     * @param paths the path patterns, within the application's context path
     * @param daemon the daemon name the rules see for them
     */
    public record Route(List<String> paths, String daemon) {
        /**
         * Checks that the route has a path pattern and a daemon name rules can name.
         *
         * @param paths the path patterns, within the application's context path
         * @param daemon the daemon name the rules see for them
         * @throws IllegalArgumentException when it has no path pattern, or a daemon name no rule
         *     could name
         */
        public Route {
            if (paths == null || paths.isEmpty()) {
                throw new IllegalArgumentException("tcpwrappers.routes[].paths: a route needs at least one path pattern");
            }
            paths = List.copyOf(paths);
            daemon = DaemonName.check("tcpwrappers.routes[].daemon", Objects.requireNonNullElse(daemon, ""));
        }
    }

    /**
     * Name and ident lookups, made only when a rule reached needs them.
     *
     * @param dnsServers DNS servers to ask ({@code dns://HOST[:PORT]}) instead of the system resolver
     * @param timeout the longest a name lookup may take before the name counts as unknown
     * @param ident whether RFC 1413 ident is asked when a rule names a user
     * @param identPort the client's ident port
     */
    public record Lookups(@DefaultValue List<String> dnsServers, @DefaultValue("5s") Duration timeout,
            @DefaultValue("true") boolean ident, @DefaultValue("113") int identPort) {
        /**
         * Copies the DNS servers.
         *
         * @param dnsServers DNS servers to ask ({@code dns://HOST[:PORT]}) instead of the system
         *     resolver
         * @param timeout the longest a name lookup may take before the name counts as unknown
         * @param ident whether RFC 1413 ident is asked when a rule names a user
         * @param identPort the client's ident port
         */
        public Lookups {
            dnsServers = List.copyOf(dnsServers);
        }
    }

    /**
     * The engine's command limits (spawn, aclexec and twist together).
     *
     * @param timeout the longest a command may run
     * @param maxOutputBytes the most bytes of twist output an answer carries
     */
    public record Commands(@DefaultValue("5s") Duration timeout, @DefaultValue("65536") int maxOutputBytes) {
    }

    /**
     * How the servlet filter and the WebFlux route filter answer.
     *
     * @param deniedStatus the status of a refusal, 400-599
     * @param decisionTimeout the longest a request waits for a decision that needs lookups; then it is refused
     */
    public record Http(@DefaultValue("403") int deniedStatus, @DefaultValue("10s") Duration decisionTimeout) {
        /**
         * Checks the status and the timeout.
         *
         * @param deniedStatus the status of a refusal, 400-599
         * @param decisionTimeout the longest a request waits for a decision that needs lookups;
         *     then it is refused
         * @throws IllegalArgumentException when the status is not 400-599 or the timeout not
         *     positive
         */
        public Http {
            if (deniedStatus < 400 || deniedStatus > 599) {
                throw new IllegalArgumentException(
                        "tcpwrappers.http.denied-status must be an HTTP error status 400-599, got " + deniedStatus);
            }
            Durations.positive("tcpwrappers.http.decision-timeout", decisionTimeout);
        }
    }

    /**
     * The gRPC interceptor.
     *
     * @param enabled whether it is registered as a global Spring gRPC interceptor
     * @param perService true: the daemon name is the called service's full name
     *     ({@code helloworld.Greeter}); false: {@code tcpwrappers.daemon}
     */
    public record Grpc(@DefaultValue("true") boolean enabled, @DefaultValue("false") boolean perService) {
    }

    /**
     * The decision log, as the core's {@link DecisionLog}.
     *
     * @param logger the SLF4J logger of the lines
     * @param grantedFormat the %-format of a granted line
     * @param deniedFormat the %-format of a refused line
     * @param grantedLevel the level of a granted line whose rule has no severity
     * @param deniedLevel the level of a refused line whose rule has no severity
     */
    public record Log(@DefaultValue(DecisionLog.LOGGER) String logger,
            @DefaultValue(DecisionLog.GRANTED_FORMAT) String grantedFormat,
            @DefaultValue(DecisionLog.DENIED_FORMAT) String deniedFormat,
            @DefaultValue("info") Level grantedLevel, @DefaultValue("warn") Level deniedLevel) {
    }
}
