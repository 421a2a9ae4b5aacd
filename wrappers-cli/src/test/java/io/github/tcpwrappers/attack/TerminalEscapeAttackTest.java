/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 18 item 11: whoever can write a banner, a rule file or a list can put terminal escape
 * sequences in them (retitle the window, clear the screen, rewrite what the admin sees). The
 * tools print such bytes escaped, in text as in JSON ({@code \u001b}), never raw.
 */
class TerminalEscapeAttackTest {
    /** OSC "set window title", then CSI "clear screen", then a C1 CSI and a bidi override. */
    private static final String ESCAPES = "\u001b]0;owned\u0007\u001b[2J\u009b31m\u202e";
    private static final String ESCAPED = "\\u001b]0;owned\\u0007\\u001b[2J\\u009b31m\\u202e";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            tcpdmatch text  | tcpdmatch | --mode=libwrap |
            tcpdmatch json  | tcpdmatch | --mode=libwrap | --json
            tcpdchk -v text | tcpdchk   | -v             |
            tcpdchk -v json | tcpdchk   | -v             | --json
            """)
    void controlBytesFromFilesArePrintedEscaped(String what, String tool, String flag, String json) throws Exception {
        Path banners = Files.createDirectories(dir.resolve("banners"));
        Files.writeString(banners.resolve("sshd"), "hello " + ESCAPES + " there\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("hosts.allow"), "sshd: ALL: banners " + banners + ": spawn echo " + ESCAPES
                + ": " + ESCAPES + "nosuchoption\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("hosts.deny"), "ALL: ALL\n");
        List<String> args = new ArrayList<>(List.of(flag));
        if (json != null) {
            args.add(json);
        }
        if (tool.equals("tcpdmatch")) {
            args.addAll(List.of("--no-dns", "sshd", "192.0.2.7"));
        }
        Tools.Run run = Tools.run(dir, tool, args.toArray(String[]::new));
        String printed = run.both();
        for (char c : printed.toCharArray()) {
            assertTrue(c == '\n' || !Character.isISOControl(c) && c != '\u202e',
                    what + " printed U+" + String.format("%04X", (int) c) + " raw:\n" + printed);
        }
        assertTrue(printed.contains(ESCAPED), what + " shows the bytes escaped:\n" + printed);
    }

    static Stream<Arguments> lines() {
        return Stream.of(
                Arguments.of("a tab stays", "a\tb", "a\tb"),
                Arguments.of("a lone CR is escaped", "a\rb", "a\\rb"),
                // no '[': libwrap's newline search in a banner line is bracket-aware
                Arguments.of("ESC is escaped", "x\u001bcy", "x\\u001bcy"),
                Arguments.of("DEL is escaped", "x\u007fy", "x\\u007fy"),
                Arguments.of("quotes and backslashes stay", "\"q\" \\ r", "\"q\" \\ r"),
                Arguments.of("plain text stays", "Welcome, été", "Welcome, été"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void textIsEscapedAsJsonEscapesIt(String what, String text, String expected) throws Exception {
        Path banners = Files.createDirectories(dir.resolve("banners"));
        Files.writeString(banners.resolve("sshd"), text + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("hosts.allow"), "sshd: ALL: banners " + banners + "\n");
        Files.writeString(dir.resolve("hosts.deny"), "");
        Tools.Run run = Tools.run(dir, "tcpdmatch", "--no-dns", "sshd", "192.0.2.7");
        assertEquals(0, run.status(), run.both());
        assertTrue(run.out().contains("banner:   " + expected + "\n"), what + ":\n" + run.out());
    }
}
