/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.tcpwrappers.evaluation.BannerSource;
import io.github.tcpwrappers.evaluation.RuleSet;
import io.github.tcpwrappers.language.InterfaceNames;
import io.github.tcpwrappers.language.RuleTable;
import io.github.tcpwrappers.spi.NetgroupResolver;
import io.github.tcpwrappers.value.Decision;
import io.github.tcpwrappers.value.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/**
 * %-expansion of hostile request data (names, users, daemons and addresses made of any bytes:
 * blanks, quotes, {@code ;}, {@code $(..)}, newlines, bytes over 0x7F) in {@code spawn} commands
 * and banners: everything an expansion adds is one of libwrap's safe bytes
 * {@code A-Za-z0-9!%+,-./:=@_}, and the literal text around it comes out exactly as written.
 */
class ExpanderFuzzTest {
    /** What libwrap's percent_x lets through from an expansion. */
    private static final String SAFE_BYTES = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!%+,-./:=@_";
    private static final String LETTERS = "aAcdhHnNprRsu%zQ ";

    @FuzzTest(maxDuration = "60s")
    void expansionsAddOnlySafeBytes(FuzzedDataProvider data) {
        FuzzInput.Request request = FuzzInput.hostileRequest(data);
        Template spawn = template(data, false);
        Template banner = template(data, true);
        String allow = "ALL : ALL : spawn echo " + spawn.text + " end : banners /fuzz/banners : allow\n";
        BannerSource banners = (directory, daemon) -> new BannerSource.Text(banner.text);
        RuleSet rules = new RuleSet(RuleTable.parse("/fuzz/hosts.allow", allow, FuzzInput.ACCOUNTS, FuzzTables::list, InterfaceNames.NONE),
                RuleTable.missing("/fuzz/hosts.deny"), NetgroupResolver.NONE, banners);

        Decision decision = FuzzInput.decide(rules, request);

        if (decision.diagnostics().stream().anyMatch(d -> d.level() == Diagnostic.Level.FATAL)) {
            // libwrap exits on an expansion longer than its buffer; the engine denies instead.
            assertTrue(decision.denied(), "an expansion too long denies");
            assertTrue(decision.diagnostics().stream().anyMatch(d -> d.message().contains("expansion too long")),
                    () -> decision.diagnostics().toString());
            return;
        }
        assertTrue(decision.granted(), () -> "the rule allows: " + decision);
        assertEquals(1, decision.spawns().size(), () -> "one spawn: " + decision);
        String command = decision.spawns().get(0).commandLine();
        assertTrue(spawn.matches(command.substring("echo ".length(), command.length() - " end".length()))
                        && command.startsWith("echo ") && command.endsWith(" end"),
                () -> "spawn command " + show(command) + " is not " + show(spawn.text) + " with safe expansions");
        String sent = decision.banner().orElse("");
        assertTrue(sent.isEmpty() || banner.matches(sent),
                () -> "banner " + show(sent) + " is not " + show(banner.text) + " with safe expansions");
    }

    /**
     * A text of literal runs and %-sequences. Its expansion must read as the same literals in the
     * same order with runs of safe bytes (possibly empty) where the sequences were.
     *
     * @param pieces the literals as they come out, and {@code null} for each %-sequence
     */
    private record Template(String text, List<String> pieces) {

        /** Whether {@code out} is the literals with safe runs between them (all ways of cutting). */
        boolean matches(String out) {
            boolean[] at = new boolean[out.length() + 1];
            at[0] = true;
            for (String piece : pieces) {
                boolean[] next = new boolean[out.length() + 1];
                for (int p = 0; p <= out.length(); p++) {
                    if (!at[p]) {
                        continue;
                    }
                    if (piece == null) {
                        next[p] = true;
                        for (int q = p; q < out.length() && SAFE_BYTES.indexOf(out.charAt(q)) >= 0 && !next[q + 1]; q++) {
                            next[q + 1] = true;
                        }
                    } else if (out.startsWith(piece, p)) {
                        next[p + piece.length()] = true;
                    }
                }
                at = next;
            }
            return at[out.length()];
        }
    }

    private static Template template(FuzzedDataProvider data, boolean banner) {
        StringBuilder text = new StringBuilder();
        List<String> pieces = new ArrayList<>();
        int count = data.consumeInt(0, 24);
        for (int i = 0; i < count; i++) {
            if (data.consumeBoolean()) {
                char letter = LETTERS.charAt(data.consumeInt(0, LETTERS.length() - 1));
                text.append('%').append(letter);
                pieces.add(null);
            } else {
                String literal = literal(data.consumeAsciiString(40), banner);
                text.append(literal);
                pieces.add(banner ? literal.replace("\n", "\r\n") : literal);
            }
        }
        if (banner) {
            text.append('\n');
            pieces.add("\r\n");
        }
        return new Template(text.toString(), pieces);
    }

    /**
     * Literal text as it can stand in the rule: no {@code %} (it starts a sequence), no brackets
     * (libwrap's split_at skips delimiters inside them, a parsing matter tested elsewhere); in an
     * option value also no {@code :} or {@code \} (field syntax) and no line ends; in a banner
     * newlines are kept (they become CRLF) but no CR or NUL.
     */
    private static String literal(String ascii, boolean banner) {
        StringBuilder out = new StringBuilder(ascii.length());
        for (int i = 0; i < ascii.length(); i++) {
            char c = ascii.charAt(i);
            boolean allowed = c != '%' && c != '[' && c != ']' && (c >= 0x20 && c < 0x7F || c == '\t' || banner && c == '\n')
                    && (banner || c != ':' && c != '\\');
            out.append(allowed ? c : '.');
        }
        return out.toString();
    }

    private static String show(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\x%02X", (int) c));
        }
        return out.append('"').toString();
    }
}
