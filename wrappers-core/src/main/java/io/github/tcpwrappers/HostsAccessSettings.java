/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import io.github.tcpwrappers.value.CommandLimits;
import io.github.tcpwrappers.value.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.event.Level;

/**
 * An engine's configuration written as text: web.xml init-params, a properties file, a
 * container's environment. Every door reads the same keys the same way, so one deployment
 * descriptor means the same thing behind a servlet filter, a Netty handler or a gRPC server.
 *
 * <pre>{@code
 * HostsAccessSettings settings = HostsAccessSettings.parse("app.properties", Map.of(
 *         "allow-file", "/etc/hosts.allow", "mode", "libwrap", "reload-interval", "250ms"));
 * HostsAccess access = HostsAccess.builder().settings(settings).build();
 * }</pre>
 *
 * <p>The keys (all optional):
 * <table>
 * <caption>keys</caption>
 * <tr><td>{@value #ALLOW_FILE}, {@value #DENY_FILE}</td><td>the tables (default {@code /etc/hosts.allow},
 *     {@code /etc/hosts.deny})</td></tr>
 * <tr><td>{@value #MODE}</td><td>{@code strict} (default: a file with problems fails the build with
 *     every problem as FILE:LINE) or {@code libwrap}</td></tr>
 * <tr><td>{@value #RELOAD_INTERVAL}</td><td>{@link HostsAccess.Builder#reloadInterval(Duration)}
 *     (default {@code 1s}; {@code 0} checks the files on every decision, as libwrap, off the
 *     caller's thread; {@code never} stops polling, though a change the engine's WatchService
 *     reports is still taken in)</td></tr>
 * <tr><td>{@value #SETTLE_TIME}</td><td>{@link HostsAccess.Builder#settleTime(Duration)} (default {@code 1s})</td></tr>
 * <tr><td>{@value #MISSING_TABLES}</td><td>{@code refuse} or {@code empty} (default: the mode's,
 *     {@link MissingTables})</td></tr>
 * <tr><td>{@value #SHADOW_DIRECTORY}</td><td>a directory of shadow tables
 *     ({@link HostsAccess.Builder#shadowDirectory}); none by default</td></tr>
 * <tr><td>{@value #TWIST_TIMEOUT}, {@value #TWIST_MAX_BYTES}</td><td>the {@link CommandLimits}
 *     timeout of spawn, aclexec and twist, and the bytes of twist output one answer carries
 *     (1 to 16 MiB)</td></tr>
 * <tr><td>{@value #GRANTED_LOG_FORMAT}, {@value #DENIED_LOG_FORMAT}</td><td>the {@link DecisionLog}
 *     lines, with the %-sequences of hosts_access(5)</td></tr>
 * <tr><td>{@value #GRANTED_LOG_LEVEL}, {@value #DENIED_LOG_LEVEL}</td><td>their SLF4J levels when
 *     the rule has no {@code severity} (default {@code info}, {@code warn})</td></tr>
 * <tr><td>{@value #LOGGER}</td><td>the SLF4J logger of those lines (default {@value DecisionLog#LOGGER})</td></tr>
 * </table>
 * Durations are written {@code 0}, {@code 250ms}, {@code 2s}, {@code 1m} or ISO-8601
 * ({@code PT1.5S}). A door adds keys of its own through a {@link Reader}.
 *
 * @param allowFile the allow table
 * @param denyFile the deny table
 * @param mode strict or libwrap loading
 * @param reloadInterval how often the files are checked; zero: on every decision; empty: never
 * @param settleTime how long a changed table must hold still before it is put in force
 * @param missingTables what a missing table means; empty: the mode's default
 * @param shadowDirectory where the shadow tables are, if any
 * @param commandLimits the bounds of spawn, aclexec and twist
 * @param log how decisions are logged
 */
public record HostsAccessSettings(Path allowFile, Path denyFile, Mode mode, Optional<Duration> reloadInterval,
        Duration settleTime, Optional<MissingTables> missingTables, Optional<Path> shadowDirectory,
        CommandLimits commandLimits, LogLines log) {

    /** Key: path of the allow table. */
    public static final String ALLOW_FILE = "allow-file";
    /** Key: path of the deny table. */
    public static final String DENY_FILE = "deny-file";
    /** Key: {@code strict} or {@code libwrap}. */
    public static final String MODE = "mode";
    /** Key: {@code 0}, a duration, or {@code never}. */
    public static final String RELOAD_INTERVAL = "reload-interval";
    /** Key: how long a changed table must hold still. */
    public static final String SETTLE_TIME = "settle-time";
    /** Key: {@code refuse} or {@code empty}. */
    public static final String MISSING_TABLES = "missing-tables";
    /** Key: a directory of shadow tables. */
    public static final String SHADOW_DIRECTORY = "shadow-directory";
    /** Key: the longest a command (spawn, aclexec, twist) runs. */
    public static final String TWIST_TIMEOUT = "twist-timeout";
    /** Key: the most bytes of twist output one answer carries. */
    public static final String TWIST_MAX_BYTES = "twist-max-bytes";
    /** Key: the %-format of the line logged for a grant. */
    public static final String GRANTED_LOG_FORMAT = "granted-log-format";
    /** Key: the %-format of the line logged for a refusal. */
    public static final String DENIED_LOG_FORMAT = "denied-log-format";
    /** Key: the level of a granted line without a rule {@code severity}. */
    public static final String GRANTED_LOG_LEVEL = "granted-log-level";
    /** Key: the level of a refused line without a rule {@code severity}. */
    public static final String DENIED_LOG_LEVEL = "denied-log-level";
    /** Key: the SLF4J logger of the decision lines. */
    public static final String LOGGER = "logger";
    /** The most twist output {@value #TWIST_MAX_BYTES} may allow. */
    public static final int MAX_TWIST_BYTES = 16 * 1024 * 1024;

    /**
     * What {@code reload-interval = never} gives the builder: the engine always keeps its files
     * live, so "never" is a poll too rare to happen (a century).
     */
    public static final Duration NEVER = Duration.ofDays(36_525);

    /**
     * The decision log's settings, checked when read.
     *
     * @param logger the SLF4J logger name
     * @param grantedFormat the %-format of a granted line
     * @param deniedFormat the %-format of a denied line
     * @param grantedLevel the level of a granted line whose rule has no {@code severity}
     * @param deniedLevel the level of a denied line whose rule has no {@code severity}
     */
    public record LogLines(String logger, String grantedFormat, String deniedFormat, Level grantedLevel,
            Level deniedLevel) {
        /** tcpd's lines: {@value DecisionLog#GRANTED_FORMAT} at INFO, {@value DecisionLog#DENIED_FORMAT} at WARN. */
        public static final LogLines DEFAULTS = new LogLines(DecisionLog.LOGGER, DecisionLog.GRANTED_FORMAT,
                DecisionLog.DENIED_FORMAT, Level.INFO, Level.WARN);

        /**
         * @param logger the SLF4J logger name
         * @param grantedFormat the %-format of a granted line
         * @param deniedFormat the %-format of a denied line
         * @param grantedLevel the level of a granted line whose rule has no severity
         * @param deniedLevel the level of a denied line whose rule has no severity
         * @throws IllegalArgumentException for an empty logger name or an unknown %-sequence
         */
        public LogLines {
            if (logger.isEmpty()) {
                throw new IllegalArgumentException("expected a logger name");
            }
            decisionLog(logger, grantedFormat, deniedFormat, grantedLevel, deniedLevel);
        }

        /**
         * The engine's decision log for these settings.
         *
         * @return the engine's decision log for these settings
         */
        public DecisionLog decisionLog() {
            return decisionLog(logger, grantedFormat, deniedFormat, grantedLevel, deniedLevel);
        }

        private static DecisionLog decisionLog(String logger, String granted, String denied, Level grantedLevel,
                Level deniedLevel) {
            return DecisionLog.builder().logger(logger).grantedFormat(granted).deniedFormat(denied)
                    .grantedLevel(grantedLevel).deniedLevel(deniedLevel).build();
        }
    }

    /**
     * @param allowFile the allow table
     * @param denyFile the deny table
     * @param mode strict or libwrap loading
     * @param reloadInterval how often the files are checked; zero: on every decision; empty: never
     * @param settleTime how long a changed table must hold still before it is put in force
     * @param missingTables what a missing table means; empty: the mode's default
     * @param shadowDirectory where the shadow tables are, if any
     * @param commandLimits the bounds of spawn, aclexec and twist
     * @param log how decisions are logged
     * @throws IllegalArgumentException for a negative interval or a twist byte bound out of range
     */
    public HostsAccessSettings {
        Objects.requireNonNull(allowFile, "allowFile");
        Objects.requireNonNull(denyFile, "denyFile");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(missingTables, "missingTables");
        Objects.requireNonNull(shadowDirectory, "shadowDirectory");
        Objects.requireNonNull(log, "log");
        reloadInterval.ifPresent(d -> Durations.notNegative(RELOAD_INTERVAL, d));
        Durations.notNegative(SETTLE_TIME, settleTime);
        if (commandLimits.maxBytes() > MAX_TWIST_BYTES) {
            throw new IllegalArgumentException(TWIST_MAX_BYTES + " must be 1-" + MAX_TWIST_BYTES + ", got "
                    + commandLimits.maxBytes());
        }
    }

    /**
     * The builder's defaults: libwrap's tables, strict, checked every second, {@link CommandLimits#defaults()}.
     *
     * @return the builder's defaults
     */
    public static HostsAccessSettings defaults() {
        return new HostsAccessSettings(Path.of("/etc/hosts.allow"), Path.of("/etc/hosts.deny"), Mode.STRICT,
                Optional.of(Duration.ofSeconds(1)), Duration.ofSeconds(1), Optional.empty(), Optional.empty(),
                CommandLimits.defaults(), LogLines.DEFAULTS);
    }

    /**
     * These settings with other command limits (a door's own defaults for twist, say).
     *
     * @param limits the command limits
     * @return these settings with {@code limits}
     */
    public HostsAccessSettings withCommandLimits(CommandLimits limits) {
        return new HostsAccessSettings(allowFile, denyFile, mode, reloadInterval, settleTime, missingTables,
                shadowDirectory, limits, log);
    }

    /**
     * Reads {@code values}; a key this type does not know is a mistake.
     *
     * @param values the settings by key
     * @return the settings
     * @param source what the values came from, starting every message ({@code "app.properties"})
     * @throws IllegalArgumentException naming the source and every mistake, each by key
     */
    public static HostsAccessSettings parse(String source, Map<String, String> values) {
        Reader reader = Reader.of(source, "key", values);
        HostsAccessSettings settings = read(reader, defaults());
        return reader.finish(() -> settings);
    }

    /**
     * Reads this type's keys from {@code reader}, each absent one taken from {@code defaults}; a
     * door reads its own keys from the same reader and then {@link Reader#finish}es it.
     *
     * @param reader the reader of the settings
     * @param defaults the value of every key that is absent
     * @return the settings read (the defaults where a value was bad: the reader holds the mistake)
     */
    public static HostsAccessSettings read(Reader reader, HostsAccessSettings defaults) {
        Path allow = reader.get(ALLOW_FILE, defaults.allowFile, Path::of);
        Path deny = reader.get(DENY_FILE, defaults.denyFile, Path::of);
        Mode mode = reader.get(MODE, defaults.mode, v -> choice(v, Mode.class));
        Optional<Duration> reload = reader.get(RELOAD_INTERVAL, defaults.reloadInterval,
                v -> v.equalsIgnoreCase("never") ? Optional.empty() : Optional.of(duration(v)));
        Duration settle = reader.get(SETTLE_TIME, defaults.settleTime, HostsAccessSettings::duration);
        Optional<MissingTables> missing = reader.get(MISSING_TABLES, defaults.missingTables,
                v -> v.isEmpty() ? Optional.empty()
                        : Optional.of(choice(v, MissingTables.class)));
        Optional<Path> shadow = reader.get(SHADOW_DIRECTORY, defaults.shadowDirectory,
                v -> v.isEmpty() ? Optional.empty() : Optional.of(Path.of(v)));
        Duration twistTimeout = reader.get(TWIST_TIMEOUT, defaults.commandLimits.timeout(),
                v -> Durations.positive(TWIST_TIMEOUT, duration(v)));
        int twistBytes = reader.get(TWIST_MAX_BYTES, defaults.commandLimits.maxBytes(), Integer::parseInt);
        LogLines d = defaults.log;
        String logger = reader.get(LOGGER, d.logger(), v -> new LogLines(v, d.grantedFormat(), d.deniedFormat(),
                d.grantedLevel(), d.deniedLevel()).logger());
        // The decision log's builder checks the %-sequences; its message names the unknown one.
        String granted = reader.get(GRANTED_LOG_FORMAT, d.grantedFormat(), v -> new LogLines(d.logger(), v,
                d.deniedFormat(), d.grantedLevel(), d.deniedLevel()).grantedFormat());
        String denied = reader.get(DENIED_LOG_FORMAT, d.deniedFormat(), v -> new LogLines(d.logger(),
                d.grantedFormat(), v, d.grantedLevel(), d.deniedLevel()).deniedFormat());
        Level grantedLevel = reader.get(GRANTED_LOG_LEVEL, d.grantedLevel(), HostsAccessSettings::level);
        Level deniedLevel = reader.get(DENIED_LOG_LEVEL, d.deniedLevel(), HostsAccessSettings::level);
        return reader.build(() -> new HostsAccessSettings(allow, deny, mode, reload, settle, missing, shadow,
                defaults.commandLimits.withTimeout(twistTimeout).withMaxBytes(twistBytes),
                new LogLines(logger, granted, denied, grantedLevel, deniedLevel))).orElse(defaults);
    }

    /** The builder, configured with these settings ({@code never} becomes {@link #NEVER}). */
    HostsAccess.Builder configure(HostsAccess.Builder builder) {
        builder.allowFile(allowFile).denyFile(denyFile).mode(mode).reloadInterval(reloadInterval.orElse(NEVER))
                .settleTime(settleTime).commandLimits(commandLimits).decisionLog(log.decisionLog());
        missingTables.ifPresent(builder::missingTables);
        shadowDirectory.ifPresent(builder::shadowDirectory);
        return builder;
    }

    /**
     * {@code reload every 1s}, {@code reload on every request} or {@code reload never}, for a door's start-up line.
     *
     * @return the description
     */
    public String describeReload() {
        return "allow " + allowFile + ", deny " + denyFile + ", mode " + mode + ", reload "
                + reloadInterval.map(d -> d.isZero() ? "on every request" : "every " + d)
                        .orElse("never (changes the WatchService sees are still taken in)");
    }

    /**
     * A duration as people write it in configuration: {@code 0}, {@code 250ms}, {@code 2s},
     * {@code 1m}, or ISO-8601 ({@code PT1.5S}).
     *
     * @param text the text
     * @return the duration
     * @throws IllegalArgumentException for anything else, listing the accepted forms
     */
    public static Duration duration(String text) {
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

    /**
     * The constant of {@code type} whose name is {@code text}, in any case.
     *
     * @param <E> the enum
     * @param text the text
     * @param type the enum's class
     * @return the constant of {@code type} whose name is {@code text}, in any case
     * @throws IllegalArgumentException listing the names, lower case, in declaration order
     */
    public static <E extends Enum<E>> E choice(String text, Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E value : type.getEnumConstants()) {
            if (value.name().equalsIgnoreCase(text)) {
                return value;
            }
            names.add(value.name().toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("expected " + String.join(" or ", names));
    }

    private static Level level(String text) {
        for (Level level : Level.values()) {
            if (level.name().equalsIgnoreCase(text)) {
                return level;
            }
        }
        throw new IllegalArgumentException("expected trace, debug, info, warn or error");
    }

    /**
     * Reads text settings and collects every mistake, each named by its key, so one message
     * lists them all. Keys never asked for are mistakes too.
     *
     * <pre>{@code
     * Reader reader = Reader.of("filter 'hosts-access'", "init-param", params);
     * HostsAccessSettings engine = HostsAccessSettings.read(reader, HostsAccessSettings.defaults());
     * int status = reader.get("denied-status", 403, Integer::parseInt);
     * reader.finish(() -> new MyDoor(engine, status));   // throws, listing every mistake
     * }</pre>
     */
    public static final class Reader {
        private final String source;
        private final String kind;
        private final Map<String, String> values;
        private final Set<String> asked = new HashSet<>();
        private final List<String> problems = new ArrayList<>();

        private Reader(String source, String kind, Map<String, String> values) {
            this.source = source;
            this.kind = kind;
            this.values = new TreeMap<>(values);
        }

        /**
         * A reader of {@code values}; messages start with {@code source} and call a key a
         * {@code kind} ({@code "init-param"}, {@code "property"}).
         *
         * @param source what the values came from, starting every message
         * @param kind what a key is called in messages (init-param, property)
         * @param values the settings by key
         * @return the reader
         */
        public static Reader of(String source, String kind, Map<String, String> values) {
            return new Reader(Objects.requireNonNull(source, "source"), Objects.requireNonNull(kind, "kind"),
                    Objects.requireNonNull(values, "values"));
        }

        /**
         * The value of {@code key}, stripped and parsed, else {@code fallback}; a bad value is noted.
         *
         * @param <T> the value's type
         * @param key the key, named in messages
         * @param fallback the value when the key is absent or its value is bad
         * @param parse parses the stripped value, throwing IllegalArgumentException for a bad one
         * @return the value of {@code key}, stripped and parsed, else {@code fallback}
         */
        public <T> T get(String key, T fallback, Function<String, T> parse) {
            asked.add(key);
            String value = values.get(key);
            if (value == null) {
                return fallback;
            }
            try {
                return parse.apply(value.strip());
            } catch (IllegalArgumentException e) {
                problems.add(kind + " '" + key + "' = '" + value + "': " + e.getMessage());
                return fallback;
            }
        }

        /**
         * The value of {@code key}, parsed; a missing or blank one is noted, saying what it is for.
         *
         * @param <T> the value's type
         * @param key the key, named in messages
         * @param meaning what the key is for, said when it is missing
         * @param parse parses the stripped value, throwing IllegalArgumentException for a bad one
         * @return the value of {@code key}, parsed
         */
        public <T> Optional<T> required(String key, String meaning, Function<String, T> parse) {
            asked.add(key);
            String value = values.get(key);
            if (value == null || value.isBlank()) {
                problems.add(kind + " '" + key + "' is required: " + meaning);
                return Optional.empty();
            }
            return Optional.ofNullable(get(key, null, parse));
        }

        /**
         * What {@code build} makes, or empty with its mistake noted (a value's own check).
         *
         * @param <T> the value's type
         * @param build makes the value from what was read
         * @return what {@code build} makes, or empty with its mistake noted (a value's own check)
         */
        public <T> Optional<T> build(Supplier<T> build) {
            if (!problems.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(build.get());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
                return Optional.empty();
            }
        }

        /**
         * What {@code build} makes, when every value was good and every key known.
         *
         * @param <T> the value's type
         * @param build makes the value from what was read
         * @return what {@code build} makes, when every value was good and every key known
         * @throws IllegalArgumentException {@code "SOURCE: mistake; mistake"}
         */
        public <T> T finish(Supplier<T> build) {
            for (String key : values.keySet()) {
                if (!asked.contains(key)) {
                    problems.add("unknown " + kind + " '" + key + "' (known: " + String.join(", ", new TreeSet<>(asked))
                            + ")");
                }
            }
            Optional<T> built = build(build);
            if (built.isEmpty()) {
                throw new IllegalArgumentException(source + ": " + String.join("; ", problems));
            }
            return built.get();
        }
    }
}
