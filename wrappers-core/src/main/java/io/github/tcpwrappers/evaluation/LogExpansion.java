/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.evaluation;

/**
 * The engine's %-expansion for text outside the rule files (log lines): the same letters and
 * the same sanitising as {@code spawn} commands get, but it never asks for a lookup. A name or
 * user nobody looked up for this request expands as libwrap prints a failed lookup:
 * {@code %n}/{@code %N}/{@code %u} give {@code unknown}, {@code %h}/{@code %c} the address.
 *
 * <pre>{@code
 * String line = LogExpansion.expand("refused connect from %c", facts);
 * }</pre>
 */
public final class LogExpansion {
    private static final String LETTERS = "aAcdhHnNprRsu%";

    private LogExpansion() {
    }

    /**
     * Expands {@code format} against what is known about a request. Expansions are sanitised
     * (every byte outside {@code A-Za-z0-9!%+,-./:=@_} becomes {@code _}), so a hostile name or
     * user cannot forge a second log line; literal text is kept.
     */
    public static String expand(String format, Facts facts) {
        Facts known = new Facts(facts.daemon, facts.clientAddress, facts.serverAddress, facts.clientPort,
                facts.serverPort, facts.pid, false);
        known.clientName = facts.clientName == null ? "unknown" : facts.clientName;
        known.serverName = facts.serverName == null ? "unknown" : facts.serverName;
        known.user = facts.user == null ? "unknown" : facts.user;
        try {
            String expanded = Expander.expand(format, new Evaluation(null, known), Expander.OPTION_BUFFER);
            return expanded == null ? format : expanded;
        } catch (Expander.Overflow overflow) {
            return overflow.soFar + "...";
        }
    }

    /**
     * Checks a format before use.
     *
     * @throws IllegalArgumentException naming the first %-sequence the expander does not know
     */
    public static String requireKnownLetters(String format) {
        for (int i = 0; i + 1 < format.length(); i++) {
            if (format.charAt(i) == '%') {
                char letter = format.charAt(i + 1);
                if (LETTERS.indexOf(letter) < 0) {
                    throw new IllegalArgumentException("unknown %-sequence %" + letter + " in \"" + format
                            + "\" (known: %a %A %c %d %h %H %n %N %p %r %R %s %u %%)");
                }
                i++;
            }
        }
        return format;
    }
}
