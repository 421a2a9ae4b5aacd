/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.cli;

import io.github.tcpwrappers.language.OptionKind;
import io.github.tcpwrappers.language.OptionStep;
import io.github.tcpwrappers.language.Rule;
import io.github.tcpwrappers.language.RuleTable;
import io.github.tcpwrappers.text.ByteText;
import io.github.tcpwrappers.value.Diagnostic;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * tcpdchk's warning for a shell redirection whose file name a client writes: in
 * {@code spawn (echo hi > /var/log/%u.log)} an ident user of {@code ../../../../tmp/x} makes
 * the target {@code /tmp/x.log}, because {@code /} and {@code .} are in libwrap's safe set and
 * survive expansion (the engine keeps libwrap's set). {@code %u}, {@code %h}, {@code %n},
 * {@code %c} and {@code %d} are the expansions the warning names.
 *
 * <pre>{@code
 * List<Diagnostic> warnings = RedirectTargets.check(rules.allowTable(), rules.denyTable());
 * }</pre>
 */
final class RedirectTargets {
    /** The expansions whose text the client or the door chooses, and that may hold "../". */
    private static final String RISKY = "uhncd";

    private RedirectTargets() {
    }

    /** One warning per redirect target of a spawn, twist or aclexec command holding such an expansion. */
    static List<Diagnostic> check(RuleTable... tables) {
        List<Diagnostic> warnings = new ArrayList<>();
        for (RuleTable table : tables) {
            for (Rule rule : table.rules()) {
                for (OptionStep step : rule.options().orElse(List.of())) {
                    if (step instanceof OptionStep.Run run && run.value().isPresent() && (run.kind() == OptionKind.SPAWN
                            || run.kind() == OptionKind.TWIST || run.kind() == OptionKind.ACLEXEC)) {
                        String command = ByteText.toText(run.value().get());
                        for (String target : targets(command)) {
                            Set<String> found = expansions(target);
                            if (!found.isEmpty()) {
                                warnings.add(Diagnostic.at(Diagnostic.Level.WARNING, table.path(), rule.line(),
                                        message(ByteText.toText(run.name()), target, found)));
                            }
                        }
                    }
                }
            }
        }
        return warnings;
    }

    private static String message(String option, String target, Set<String> found) {
        return option + ": redirect target " + target + " holds " + String.join(", ", found)
                + ", and '/' and '.' survive expansion (libwrap's safe set), so a client can send it out of its"
                + " directory (../../tmp/x): redirect to a fixed file and put the expansion in the data,"
                + " e.g. (echo \"%u@%h\" >> /var/log/tcpd/connect.log)";
    }

    /**
     * The words after each redirection operator ({@code >}, {@code >>}, {@code >|}, {@code <},
     * {@code <>}, {@code &>}, {@code N>&M}) outside quotes, as {@code /bin/sh} would find them;
     * a here-document's delimiter ({@code <<}) names no file and is skipped.
     */
    static List<String> targets(String command) {
        List<String> targets = new ArrayList<>();
        char quote = 0;
        int n = command.length();
        for (int i = 0; i < n; i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"') {
                    i++;
                }
                continue;
            }
            if (c == '\\') {
                i++;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '<' && i + 1 < n && command.charAt(i + 1) == '<') {
                i = skipWord(command, skipBlanks(command, i + 2 + (i + 2 < n && command.charAt(i + 2) == '-' ? 1 : 0)));
            } else if (c == '<' || c == '>') {
                int j = i + 1;
                while (j < n && (command.charAt(j) == '>' || command.charAt(j) == '|' || command.charAt(j) == '&')) {
                    j++;
                }
                int start = skipBlanks(command, j);
                int end = skipWord(command, start);
                if (end > start) {
                    targets.add(command.substring(start, end));
                }
                i = end - 1;
            }
        }
        return targets;
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** The end of one shell word from {@code i}: quoted parts belong to it, blanks and operators end it. */
    private static int skipWord(String s, int i) {
        char quote = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '\\') {
                i++;
            } else if (" \t\n;|&()<>".indexOf(c) >= 0) {
                break;
            }
        }
        return Math.min(i, s.length());
    }

    /** The risky expansions ({@code %u} ...) in a word, {@code %%} being a literal percent. */
    private static Set<String> expansions(String word) {
        Set<String> found = new LinkedHashSet<>();
        for (int i = 0; i + 1 < word.length(); i++) {
            if (word.charAt(i) == '%') {
                char e = word.charAt(++i);
                if (RISKY.indexOf(e) >= 0) {
                    found.add("%" + e);
                }
            }
        }
        return found;
    }
}
