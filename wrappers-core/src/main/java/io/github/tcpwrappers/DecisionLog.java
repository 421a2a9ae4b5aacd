/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import io.github.tcpwrappers.evaluation.Facts;
import io.github.tcpwrappers.evaluation.LogExpansion;
import io.github.tcpwrappers.value.AppliedOption;
import io.github.tcpwrappers.value.Decision;
import io.github.tcpwrappers.value.Diagnostic;
import io.github.tcpwrappers.value.RuleLocation;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Logs each decision as tcpd does: one line from a %-format ({@value #GRANTED_FORMAT} /
 * {@value #DENIED_FORMAT} by default) at the level the rule's {@code severity} gives (granted
 * INFO and denied WARN without one), with {@code daemon}, {@code client}, {@code address},
 * {@code verdict}, {@code rule} (FILE:LINE, when a rule matched) and {@code facility} as SLF4J
 * key-values. The warnings and errors met while deciding come first, one line each; a decision
 * that hit an over-long expansion logs at ERROR. {@code user} and {@code group} options, which
 * cannot act inside a JVM, are reported once per rule.
 *
 * <pre>{@code
 * HostsAccess access = HostsAccess.builder()
 *     .decisionLog(DecisionLog.builder()
 *         .deniedFormat("refused %d from %a port %r")
 *         .build())
 *     .build();
 * }</pre>
 */
public final class DecisionLog {
    /** The default logger name. */
    public static final String LOGGER = "io.github.tcpwrappers.access";
    /** tcpd's line for a granted connection. */
    public static final String GRANTED_FORMAT = "connect from %c";
    /** tcpd's line for a refused connection. */
    public static final String DENIED_FORMAT = "refused connect from %c";

    // Rules are finite, but a file rewritten often could add keys forever; past this, stay quiet.
    private static final int MAX_REMEMBERED = 4096;

    private final Logger logger;
    private final String grantedFormat;
    private final String deniedFormat;
    private final Level grantedLevel;
    private final Level deniedLevel;
    private final Set<String> toldNotApplicable = ConcurrentHashMap.newKeySet();

    private DecisionLog(Builder b) {
        this.logger = b.logger;
        this.grantedFormat = b.grantedFormat;
        this.deniedFormat = b.deniedFormat;
        this.grantedLevel = b.grantedLevel;
        this.deniedLevel = b.deniedLevel;
    }

    /** {@return tcpd's lines on {@value #LOGGER}} */
    public static DecisionLog defaults() {
        return builder().build();
    }

    /** {@return A builder starting from the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** Logs one decision: its diagnostics, its user/group notices, then its line. Never throws. */
    void log(Facts facts, Decision decision) {
        try {
            for (Diagnostic diagnostic : decision.diagnostics()) {
                diagnostic(facts, diagnostic);
            }
            notApplicable(decision);
            line(facts, decision);
        } catch (RuntimeException e) {
            // A broken logging backend must not change or lose the decision.
        }
    }

    /**
     * Whether {@link #log} would write anything for this decision: a diagnostic, a notice, or a
     * line at a level the logger has enabled. Lets a caller skip building the request's facts.
     */
    boolean writes(Decision decision) {
        return !decision.diagnostics().isEmpty() || !decision.options().isEmpty()
                || logger.isEnabledForLevel(level(decision, SyslogPriority.of(decision.severity())));
    }

    private void line(Facts facts, Decision decision) {
        Optional<SyslogPriority> priority = SyslogPriority.of(decision.severity());
        Level level = level(decision, priority);
        if (!logger.isEnabledForLevel(level)) {
            return;
        }
        String message = LogExpansion.expand(decision.granted() ? grantedFormat : deniedFormat, facts);
        LoggingEventBuilder event = logger.atLevel(level);
        request(event, facts).addKeyValue("verdict", decision.granted() ? "granted" : "denied");
        decision.rule().ifPresent(rule -> event.addKeyValue("rule", rule.toString()));
        event.addKeyValue("facility", priority.map(SyslogPriority::facility).orElse("daemon"));
        priority.ifPresent(p -> event.addKeyValue("severity", p.level()));
        event.log(message);
    }

    private Level level(Decision decision, Optional<SyslogPriority> priority) {
        for (Diagnostic d : decision.diagnostics()) {
            if (d.level() == Diagnostic.Level.FATAL) {
                return Level.ERROR;
            }
        }
        if (priority.isPresent()) {
            return priority.get().slf4jLevel();
        }
        return decision.granted() ? grantedLevel : deniedLevel;
    }

    private static LoggingEventBuilder request(LoggingEventBuilder event, Facts facts) {
        // One expansion for the three values; sanitised expansions never contain a space.
        String[] fields = LogExpansion.expand("%d %c %a", facts).split(" ", -1);
        return event.addKeyValue("daemon", fields[0]).addKeyValue("client", fields[1])
                .addKeyValue("address", fields[2]);
    }

    private void diagnostic(Facts facts, Diagnostic diagnostic) {
        Level level = diagnostic.level() == Diagnostic.Level.WARNING ? Level.WARN : Level.ERROR;
        if (!logger.isEnabledForLevel(level)) {
            return;
        }
        LoggingEventBuilder event = logger.atLevel(level);
        request(event, facts);
        diagnostic.location().ifPresent(l -> event.addKeyValue("rule", l.toString()));
        String text = diagnostic.libwrapText();
        event.log(diagnostic.level() == Diagnostic.Level.FATAL ? text + " (request denied)" : text);
    }

    private void notApplicable(Decision decision) {
        if (decision.rule().isEmpty()) {
            return;
        }
        RuleLocation rule = decision.rule().get();
        for (AppliedOption option : decision.options()) {
            String name = option.name();
            if (!name.equalsIgnoreCase("user") && !name.equalsIgnoreCase("group")) {
                continue;
            }
            String key = rule + " " + name + " " + option.value();
            if (toldNotApplicable.size() < MAX_REMEMBERED && toldNotApplicable.add(key)) {
                logger.atInfo().addKeyValue("rule", rule.toString()).addKeyValue("option", name)
                        .log("{}: option \"{} {}\" does not apply inside a JVM: the process keeps its user and groups",
                                rule, name, option.value());
            }
        }
    }

    /** Configures a {@link DecisionLog}. */
    public static final class Builder {
        private Logger logger = LoggerFactory.getLogger(LOGGER);
        private String grantedFormat = GRANTED_FORMAT;
        private String deniedFormat = DENIED_FORMAT;
        private Level grantedLevel = Level.INFO;
        private Level deniedLevel = Level.WARN;

        private Builder() {
        }

        /**
         * Logs to the SLF4J logger of this name (default {@value DecisionLog#LOGGER}).
         *
         * @param name the logger's name
         * @return this builder
         */
        public Builder logger(String name) {
            return logger(LoggerFactory.getLogger(Objects.requireNonNull(name, "name")));
        }

        /**
         * Logs to this logger.
         *
         * @param logger the logger
         * @return this builder
         */
        public Builder logger(Logger logger) {
            this.logger = Objects.requireNonNull(logger, "logger");
            return this;
        }

        /**
         * The line for a granted request (default {@value DecisionLog#GRANTED_FORMAT}), with the
         * %-sequences of hosts_access(5).
         *
         * @param format the line, with %-sequences
         * @return this builder
         * @throws IllegalArgumentException for a %-sequence hosts_access(5) does not know
         */
        public Builder grantedFormat(String format) {
            this.grantedFormat = LogExpansion.requireKnownLetters(Objects.requireNonNull(format, "format"));
            return this;
        }

        /**
         * The line for a denied request (default {@value DecisionLog#DENIED_FORMAT}).
         *
         * @param format the line, with %-sequences
         * @return this builder
         * @throws IllegalArgumentException for a %-sequence hosts_access(5) does not know
         */
        public Builder deniedFormat(String format) {
            this.deniedFormat = LogExpansion.requireKnownLetters(Objects.requireNonNull(format, "format"));
            return this;
        }

        /**
         * The level of a granted line when the rule has no {@code severity} (default INFO).
         *
         * @param level the level
         * @return this builder
         */
        public Builder grantedLevel(Level level) {
            this.grantedLevel = Objects.requireNonNull(level, "level");
            return this;
        }

        /**
         * The level of a denied line when the rule has no {@code severity} (default WARN).
         *
         * @param level the level
         * @return this builder
         */
        public Builder deniedLevel(Level level) {
            this.deniedLevel = Objects.requireNonNull(level, "level");
            return this;
        }

        /** {@return the configured log} */
        public DecisionLog build() {
            return new DecisionLog(this);
        }
    }
}
