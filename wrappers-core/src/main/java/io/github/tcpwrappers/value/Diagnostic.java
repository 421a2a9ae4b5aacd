/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.value;

import java.util.Optional;

/**
 * A problem found in rule files, while loading them (strict mode, tcpdchk) or while deciding
 * (the warnings and errors libwrap would log).
 *
 * @param level warning or error
 * @param location the file and line, when the problem has one
 * @param message the message, in libwrap's words where libwrap has them
 */
public record Diagnostic(Level level, Optional<RuleLocation> location, String message) {

    /** How bad. */
    public enum Level {
        /** libwrap goes on. */
        WARNING,
        /** libwrap denies (or, in strict loading, the file is refused). */
        ERROR,
        /**
         * libwrap logs a warning and ends the process (an over-long %-expansion); we deny
         * instead and log it as an error.
         */
        FATAL
    }

    /**
     * A diagnostic at a file and line.
     *
     * @param level how serious it is
     * @param file the file it concerns
     * @param line the line in that file
     * @param message what is wrong
     * @return the diagnostic
     */
    public static Diagnostic at(Level level, String file, int line, String message) {
        return new Diagnostic(level, Optional.of(new RuleLocation(file, line)), message);
    }

    /**
     * As libwrap logs it: {@code warning: FILE, line N: message}.
     *
     * @return the text libwrap's syslog line would carry
     */
    public String libwrapText() {
        String prefix = level == Level.ERROR ? "error: " : "warning: "; // FATAL: libwrap says warning
        return location.map(l -> prefix + l.file() + ", line " + l.line() + ": " + message)
                .orElse(prefix + message);
    }

    /** As compilers print it: {@code FILE:LINE: message}. */
    @Override
    public String toString() {
        return location.map(l -> l + ": " + message).orElse(message);
    }
}
