package io.github.tcpwrappers.servlet;

import io.github.tcpwrappers.DecisionLog;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.MissingTables;
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
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.event.Level;

/**
 * A filter's configuration, from init-params or from its builder.
 *
 * @param daemon the daemon name the rules see
 * @param allowFile the allow table (init-param configuration only)
 * @param denyFile the deny table (init-param configuration only)
 * @param mode strict or libwrap loading (init-param configuration only)
 * @param reloadInterval how often the engine checks the files; zero = on every request; empty = never
 *     (init-param configuration only)
 * @param deniedStatus the HTTP status of a refusal
 * @param decisionTimeout the longest a request waits for a decision before it is refused
 * @param twistTimeout the timeout of the owned engine's commands (init-param configuration only)
 * @param twistMaxBytes the twist byte bound of the owned engine (init-param configuration only)
 * @param serverName where the server's host name comes from
 * @param log how the engine logs decisions (init-param configuration only)
 * @param tables when a change to the tables is put in force and what a missing one means
 *     (init-param configuration only)
 */
record Settings(String daemon, Path allowFile, Path denyFile, Mode mode, Optional<Duration> reloadInterval,
        int deniedStatus, Duration decisionTimeout, Duration twistTimeout, int twistMaxBytes, ServerName serverName,
        Log log, Tables tables) {

    /**
     * The engine's {@code settle-time} and {@code missing-tables} init-params.
     *
     * @param settleTime how long a changed table must hold still before it is put in force
     * @param missingTables what a missing table means; empty: the mode's default
     * @param shadowDirectory where the shadow tables are, if any ({@code shadow-directory})
     */
    record Tables(Duration settleTime, Optional<MissingTables> missingTables, Optional<Path> shadowDirectory) {
        static final Tables DEFAULTS = new Tables(Duration.ofSeconds(1), Optional.empty(), Optional.empty());

        HostsAccess.Builder configure(HostsAccess.Builder builder) {
            builder.settleTime(settleTime);
            missingTables.ifPresent(builder::missingTables);
            shadowDirectory.ifPresent(builder::shadowDirectory);
            return builder;
        }
    }

    static final int MAX_TWIST_BYTES = 16 * 1024 * 1024;

    /**
     * What {@code reload-interval = never} becomes: the core always keeps its files live, so
     * "never" is a poll too rare to happen (a century). The engine's WatchService, where the
     * platform has one, still takes in a change it sees.
     */
    static final Duration NEVER = Duration.ofDays(36_525);

    /**
     * The decision log's init-params, checked when read.
     *
     * @param logger the SLF4J logger name
     * @param grantedFormat the %-format of a granted line
     * @param deniedFormat the %-format of a denied line
     * @param grantedLevel the level of a granted line whose rule has no {@code severity}
     * @param deniedLevel the level of a denied line whose rule has no {@code severity}
     */
    record Log(String logger, String grantedFormat, String deniedFormat, Level grantedLevel, Level deniedLevel) {
        static final Log DEFAULTS = new Log(DecisionLog.LOGGER, DecisionLog.GRANTED_FORMAT, DecisionLog.DENIED_FORMAT,
                Level.INFO, Level.WARN);

        /** The core's decision log for these settings. */
        DecisionLog decisionLog() {
            return DecisionLog.builder().logger(logger).grantedFormat(grantedFormat).deniedFormat(deniedFormat)
                    .grantedLevel(grantedLevel).deniedLevel(deniedLevel).build();
        }
    }

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
        if (twistMaxBytes < 1 || twistMaxBytes > MAX_TWIST_BYTES) {
            throw new IllegalArgumentException("twist-max-bytes must be 1-" + MAX_TWIST_BYTES + ", got " + twistMaxBytes);
        }
    }

    private static void positive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }

    /** Defaults for code that brings its own engine: the engine's builder sets reloading and logging. */
    static Settings programmatic(String daemon) {
        return new Settings(daemon, Path.of("/etc/hosts.allow"), Path.of("/etc/hosts.deny"), Mode.STRICT,
                Optional.empty(), 403, Duration.ofSeconds(10), Duration.ofSeconds(5), 64 * 1024,
                ServerName.CONTAINER, Log.DEFAULTS, Tables.DEFAULTS);
    }

    /** The interval the engine's builder is given: {@link #NEVER} stands for "never". */
    Duration engineReloadInterval() {
        return reloadInterval.orElse(NEVER);
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
        String logger = p.get(HostsAccessFilter.LOGGER, DecisionLog.LOGGER, v -> {
            if (v.isEmpty()) {
                throw new IllegalArgumentException("expected a logger name");
            }
            return v;
        });
        // The core's builder checks the %-sequences; its message names the unknown one.
        String granted = p.get(HostsAccessFilter.GRANTED_LOG_FORMAT, DecisionLog.GRANTED_FORMAT,
                v -> checked(v, DecisionLog.builder()::grantedFormat));
        String denied = p.get(HostsAccessFilter.DENIED_LOG_FORMAT, DecisionLog.DENIED_FORMAT,
                v -> checked(v, DecisionLog.builder()::deniedFormat));
        Level grantedLevel = p.get(HostsAccessFilter.GRANTED_LOG_LEVEL, "info", Settings::level);
        Level deniedLevel = p.get(HostsAccessFilter.DENIED_LOG_LEVEL, "warn", Settings::level);
        Duration settle = p.get(HostsAccessFilter.SETTLE_TIME, "1s", Settings::duration);
        Optional<MissingTables> missing = p.get(HostsAccessFilter.MISSING_TABLES, "",
                v -> switch (v.toLowerCase(Locale.ROOT)) {
                    case "" -> Optional.<MissingTables>empty();
                    case "refuse" -> Optional.of(MissingTables.REFUSE);
                    case "empty" -> Optional.of(MissingTables.EMPTY);
                    default -> throw new IllegalArgumentException("expected refuse or empty");
                });
        Optional<Path> shadow = p.get(HostsAccessFilter.SHADOW_DIRECTORY, "",
                v -> v.isBlank() ? Optional.<Path>empty() : Optional.of(Path.of(v.strip())));
        if (problems.isEmpty()) {
            try {
                return new Settings(daemon.strip(), allow, deny, mode, reload, status, decision, twist, twistBytes,
                        serverName, new Log(logger, granted, denied, grantedLevel, deniedLevel),
                        new Tables(settle, missing, shadow));
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

    private static String checked(String value, Consumer<String> check) {
        check.accept(value);
        return value;
    }

    /** An SLF4J level by name: {@code trace}, {@code debug}, {@code info}, {@code warn}, {@code error}. */
    static Level level(String text) {
        for (Level level : Level.values()) {
            if (level.name().equalsIgnoreCase(text)) {
                return level;
            }
        }
        throw new IllegalArgumentException("expected trace, debug, info, warn or error");
    }

    /** Reads one optional init-param, collecting a problem instead of failing on the first. */
    private record Param(Map<String, String> params, List<String> problems) {
        <T> T get(String name, String fallback, Function<String, T> parse) {
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
