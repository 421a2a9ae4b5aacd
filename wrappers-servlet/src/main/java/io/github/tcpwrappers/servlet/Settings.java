package io.github.tcpwrappers.servlet;

import io.github.tcpwrappers.Mode;
import io.github.tcpwrappers.servlet.HostsAccessFilter.ServerName;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A filter's configuration, from init-params or from its builder.
 *
 * @param daemon the daemon name the rules see
 * @param allowFile the allow table (init-param configuration only)
 * @param denyFile the deny table (init-param configuration only)
 * @param mode strict or libwrap loading (init-param configuration only)
 * @param reloadInterval how often to read the files again; zero = on every request; empty = never
 * @param deniedStatus the HTTP status of a refusal
 * @param decisionTimeout the longest a request waits for a decision before it is refused
 * @param twistTimeout the longest a twist command may run for one answer
 * @param twistMaxBytes the most twist output one answer carries
 * @param serverName where the server's host name comes from
 */
record Settings(String daemon, Path allowFile, Path denyFile, Mode mode, Optional<Duration> reloadInterval,
        int deniedStatus, Duration decisionTimeout, Duration twistTimeout, int twistMaxBytes, ServerName serverName) {

    static final int MAX_TWIST_BYTES = 16 * 1024 * 1024;

    Settings {
        if (daemon.isBlank() || daemon.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("daemon must be one word without blanks, got '" + daemon + "'");
        }
        if (deniedStatus < 400 || deniedStatus > 599) {
            throw new IllegalArgumentException("denied-status must be an HTTP error status 400-599, got " + deniedStatus);
        }
        positive("decision-timeout", decisionTimeout);
        positive("twist-timeout", twistTimeout);
        reloadInterval.ifPresent(d -> {
            if (d.isNegative()) {
                throw new IllegalArgumentException("reload-interval must not be negative, got " + d);
            }
        });
        if (twistMaxBytes < 0 || twistMaxBytes > MAX_TWIST_BYTES) {
            throw new IllegalArgumentException("twist-max-bytes must be 0-" + MAX_TWIST_BYTES + ", got " + twistMaxBytes);
        }
    }

    private static void positive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }

    /** Defaults for code that brings its own engine: the caller reloads it. */
    static Settings programmatic(String daemon) {
        return new Settings(daemon, Path.of("/etc/hosts.allow"), Path.of("/etc/hosts.deny"), Mode.STRICT,
                Optional.empty(), 403, Duration.ofSeconds(10), Duration.ofSeconds(5), 64 * 1024,
                ServerName.CONTAINER);
    }

    /** Reads and checks the init-params; every mistake is reported at once, by name. */
    static Settings fromInitParams(FilterConfig config) throws ServletException {
        Map<String, String> params = new TreeMap<>();
        for (String name : Collections.list(config.getInitParameterNames())) {
            params.put(name, config.getInitParameter(name));
        }
        List<String> problems = new ArrayList<>();
        for (String name : params.keySet()) {
            if (!HostsAccessFilter.INIT_PARAMS.contains(name)) {
                problems.add("unknown init-param '" + name + "' (known: " + String.join(", ", HostsAccessFilter.INIT_PARAMS) + ")");
            }
        }
        String daemon = params.get(HostsAccessFilter.DAEMON);
        if (daemon == null || daemon.isBlank()) {
            problems.add("init-param 'daemon' is required: the daemon name your rules use for this web application");
        }
        Param p = new Param(params, problems);
        Path allow = p.get(HostsAccessFilter.ALLOW_FILE, "/etc/hosts.allow", Path::of);
        Path deny = p.get(HostsAccessFilter.DENY_FILE, "/etc/hosts.deny", Path::of);
        Mode mode = p.get(HostsAccessFilter.MODE, "strict", v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "strict" -> Mode.STRICT;
            case "libwrap" -> Mode.LIBWRAP;
            default -> throw new IllegalArgumentException("expected strict or libwrap");
        });
        Optional<Duration> reload = p.get(HostsAccessFilter.RELOAD_INTERVAL, "1s",
                v -> v.equalsIgnoreCase("never") ? Optional.<Duration>empty() : Optional.of(duration(v)));
        int status = p.get(HostsAccessFilter.DENIED_STATUS, "403", Integer::parseInt);
        Duration decision = p.get(HostsAccessFilter.DECISION_TIMEOUT, "10s", Settings::duration);
        Duration twist = p.get(HostsAccessFilter.TWIST_TIMEOUT, "5s", Settings::duration);
        int twistBytes = p.get(HostsAccessFilter.TWIST_MAX_BYTES, "65536", Integer::parseInt);
        ServerName serverName = p.get(HostsAccessFilter.SERVER_NAME, "container",
                v -> switch (v.toLowerCase(Locale.ROOT)) {
                    case "container" -> ServerName.CONTAINER;
                    case "resolver" -> ServerName.RESOLVER;
                    default -> throw new IllegalArgumentException("expected container or resolver");
                });
        if (problems.isEmpty()) {
            try {
                return new Settings(daemon.strip(), allow, deny, mode, reload, status, decision, twist, twistBytes,
                        serverName);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        throw new ServletException("filter '" + config.getFilterName() + "': " + String.join("; ", problems));
    }

    /**
     * A duration as people write it in web.xml: {@code 0}, {@code 250ms}, {@code 2s},
     * {@code 1m}, or ISO-8601 ({@code PT1.5S}).
     */
    static Duration duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.equals("0")) {
                return Duration.ZERO;
            }
            if (t.startsWith("pt")) {
                return Duration.parse(t);
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).strip()));
            }
            if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1).strip()));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1).strip()));
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            // reported below with the accepted forms
        }
        throw new IllegalArgumentException("expected a duration such as 0, 250ms, 2s, 1m or PT1.5S");
    }

    /** Reads one optional init-param, collecting a problem instead of failing on the first. */
    private record Param(Map<String, String> params, List<String> problems) {
        <T> T get(String name, String fallback, java.util.function.Function<String, T> parse) {
            String value = params.getOrDefault(name, fallback);
            try {
                return parse.apply(value.strip());
            } catch (IllegalArgumentException e) {
                problems.add("init-param '" + name + "' = '" + value + "': " + e.getMessage());
                try {
                    return parse.apply(fallback);
                } catch (IllegalArgumentException impossible) {
                    throw new IllegalStateException(impossible);
                }
            }
        }
    }
}
