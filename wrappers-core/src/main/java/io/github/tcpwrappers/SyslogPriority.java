/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.event.Level;

/**
 * A syslog priority as the {@code severity} option sets it ({@code facility * 8 + level}), read
 * for SLF4J: emerg, alert, crit and err log at ERROR, warning at WARN, notice and info at INFO,
 * debug at DEBUG. The facility has no SLF4J counterpart and travels as a key-value.
 *
 * <pre>{@code
 * SyslogPriority p = SyslogPriority.of(decision.severity().getAsInt());
 * logger.atLevel(p.slf4jLevel()).addKeyValue("facility", p.facility()).log(line);
 * }</pre>
 *
 * @param priority the raw priority
 */
record SyslogPriority(int priority) {
    private static final String[] LEVELS = {"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"};
    private static final String[] FACILITIES = {
        "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp",
        "ntp", "security", "console", "solaris-cron", "local0", "local1", "local2", "local3", "local4", "local5",
        "local6", "local7",
    };

    public SyslogPriority {
        if (priority < 0 || (priority >> 3) >= FACILITIES.length) {
            throw new IllegalArgumentException("not a syslog priority: " + priority);
        }
    }

    /** The priority {@code severity} gave. */
    public static SyslogPriority of(int priority) {
        return new SyslogPriority(priority);
    }

    /** The priority a decision carries, if its rule had {@code severity}. */
    public static Optional<SyslogPriority> of(OptionalInt priority) {
        return priority.isPresent() ? Optional.of(of(priority.getAsInt())) : Optional.empty();
    }

    /** syslog's level name ({@code err}, {@code warning}, ...). */
    public String level() {
        return LEVELS[priority & 7];
    }

    /**
     * syslog's facility name. A priority without facility bits ({@code severity info}, and also
     * {@code kern.*}, which syslog(3) cannot tell apart) goes to the default facility, which
     * tcpd opens as {@code daemon}.
     */
    public String facility() {
        int code = priority >> 3;
        return code == 0 ? "daemon" : FACILITIES[code];
    }

    /** The SLF4J level this priority logs at. */
    public Level slf4jLevel() {
        return switch (priority & 7) {
            case 0, 1, 2, 3 -> Level.ERROR;
            case 4 -> Level.WARN;
            case 5, 6 -> Level.INFO;
            default -> Level.DEBUG;
        };
    }
}
