/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.language;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.spi.AccountNames;
import io.github.tcpwrappers.value.Diagnostic;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compact tables: what {@link RuleTable#entries()} returns for a compact line is the rule a full
 * parse of that line gives, appends give the table a full parse of the whole text gives, and
 * only the lines a blocklist is made of are held compactly.
 */
class CompactTableTest {
    private static final AccountNames ACCOUNTS = AccountNames.of(Set.of("nobody"), Set.of("nogroup"));
    private static final HostPattern.HostListSource NO_LISTS = HostPattern.HostList.Missing::new;

    /** The rule a logical line is, by the definition of the language (no fast path involved). */
    private static Rule fullParse(String text, int line) {
        int first = CText.splitAt(text, 0, ':');
        int second = CText.splitAt(text, first + 1, ':');
        String clients = second < 0 ? text.substring(first + 1) : text.substring(first + 1, second);
        Optional<List<OptionStep>> options = second < 0 ? Optional.empty()
                : Optional.of(OptionParser.parse(text.substring(second + 1), ACCOUNTS));
        return new Rule(line, line, PatternList.parse(text.substring(0, first), t -> DaemonPattern.parse(t, NO_LISTS, InterfaceNames.NONE)),
                PatternList.parse(clients, t -> ClientPattern.parse(t, NO_LISTS, InterfaceNames.NONE)), options,
                text.substring(0, text.length() - 1));
    }

    static Stream<Arguments> lines() {
        return Stream.of(
                Arguments.of("sshd: 203.0.113.7", true),
                Arguments.of("ALL:198.51.100.2", true),
                Arguments.of("sshd, vsftpd :\t10.0.0.255  ", true),
                Arguments.of("sshd: 10.1.2.3 : spawn echo %a %d", true),
                Arguments.of("sshd: 10.1.2.3: deny", true),
                Arguments.of("in.ftpd 22: 0.0.0.0\r", true),
                Arguments.of("sshd: 10.1.2.3 10.1.2.4", false),
                Arguments.of("sshd: 10.1.2.3,10.1.2.4", false),
                Arguments.of("sshd: 10.1.2.3 EXCEPT 10.1.2.4", false),
                Arguments.of("ALL EXCEPT sshd: 10.1.2.3", false),
                Arguments.of("sshd@192.0.2.1: 10.1.2.3", false),
                Arguments.of("sshd: 010.1.2.3", false),
                Arguments.of("sshd: 10.1.2", false),
                Arguments.of("sshd: 10.1.2.", false),
                Arguments.of("sshd: 10.1.2.256", false),
                Arguments.of("sshd: 10.1.2.3.4", false),
                Arguments.of("sshd: 10.1.2.3/32", false),
                Arguments.of("sshd: [::1]", false),
                Arguments.of("sshd: 10.1.2.3 # banned", false),
                Arguments.of("sshd: host.example.org", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void aLineReadsBackAsTheRuleAFullParseGives(String line, boolean compact) {
        // Two lines of the same shape: the first proves the shape, the second is rebuilt from it.
        String second = line.replace("10.1.2.3", "10.9.8.7").replace("203.0.113.7", "203.0.113.8");
        String text = "# blocklist\n" + line + "\n" + second + "\n";
        RuleTable table = RuleTable.parse("/t", text, ACCOUNTS, NO_LISTS, InterfaceNames.NONE);
        assertEquals(List.of(new RuleTable.RuleEntry(fullParse(line + "\n", 2)),
                new RuleTable.RuleEntry(fullParse(second + "\n", 3))), table.entries());
        TableEntries.Segment segment = table.compactEntries().segments().get(0);
        assertEquals(compact, segment.compact(0), "first line compact");
        assertEquals(compact, segment.compact(1), "second line compact");
        assertEquals(2, table.ruleCount());
    }

    @Test
    void aRepeatedAddressIsFoundAtEveryLineInOrder() {
        RuleTable table = RuleTable.parse("/t", "ftpd: 10.0.0.1\nsshd: 10.0.0.2\nsshd: 10.0.0.1\nALL: 10.0.0.1\n",
                ACCOUNTS, NO_LISTS, InterfaceNames.NONE);
        TableEntries.Segment segment = table.compactEntries().segments().get(0);
        List<Integer> lines = new ArrayList<>();
        for (int at = segment.firstWith(0x0A00_0001); at >= 0; at = segment.nextWithSame(at)) {
            lines.add(segment.line(at));
        }
        assertEquals(List.of(1, 3, 4), lines);
        assertEquals(-1, segment.firstWith(0x0A00_0003));
    }

    static Stream<Arguments> appends() {
        return Stream.of(
                Arguments.of("one line", "sshd: 10.0.0.1\n", "sshd: 10.0.0.2\n"),
                Arguments.of("a new shape with options", "sshd: 10.0.0.1\n", "ALL: 10.0.0.2 : severity auth.info\n"),
                Arguments.of("a continued line", "sshd: 10.0.0.1\n", "sshd: 10.0.0.2 \\\n 10.0.0.3\nALL: 10.0.0.4\n"),
                Arguments.of("a skipped line and a comment", "sshd: 10.0.0.1\n", "# x\n10.0.0.9\n\nsshd: 10.0.0.2\n"),
                Arguments.of("after a continued old line", "sshd: 10.0.0.1 \\\n 10.0.0.5\n", "sshd: 10.0.0.2\n"),
                Arguments.of("to an empty table", "", "sshd: 10.0.0.2\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("appends")
    void anAppendGivesTheTableAFullParseGives(String name, String old, String tail) {
        RuleTable before = RuleTable.parse("/t", old, ACCOUNTS, NO_LISTS, InterfaceNames.NONE);
        RuleTable grown = before.append(tail.getBytes(StandardCharsets.ISO_8859_1), ACCOUNTS, NO_LISTS, InterfaceNames.NONE).orElseThrow();
        RuleTable whole = RuleTable.parse("/t", old + tail, ACCOUNTS, NO_LISTS, InterfaceNames.NONE);
        assertEquals(whole.entries(), grown.entries());
        assertEquals(whole.consumed(), grown.consumed());
        assertEquals(whole.ruleCount(), grown.ruleCount());
        assertEquals(Hazards.check(whole, old + tail).subList(Hazards.check(before, old).size(),
                Hazards.check(whole, old + tail).size()), Hazards.checkAppended(before, grown,
                tail.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void aLastLineWithoutItsNewlineWaitsForIt() {
        RuleTable before = RuleTable.parse("/t", "sshd: 10.0.0.1\n", ACCOUNTS, NO_LISTS, InterfaceNames.NONE);
        RuleTable partly = before.append("sshd: 10.0.0.2\nsshd: 10.0".getBytes(StandardCharsets.ISO_8859_1), ACCOUNTS,
                NO_LISTS, InterfaceNames.NONE).orElseThrow();
        assertEquals(2, partly.ruleCount());
        assertEquals("sshd: 10.0.0.1\nsshd: 10.0.0.2\n".length(), partly.consumed());
        RuleTable done = partly.append("sshd: 10.0.0.3\n".getBytes(StandardCharsets.ISO_8859_1), ACCOUNTS, NO_LISTS, InterfaceNames.NONE)
                .orElseThrow();
        assertEquals(RuleTable.parse("/t", "sshd: 10.0.0.1\nsshd: 10.0.0.2\nsshd: 10.0.0.3\n", ACCOUNTS, NO_LISTS, InterfaceNames.NONE)
                .entries(), done.entries());
        // A continuation whose next line is not written yet waits too.
        RuleTable continued = done.append("sshd: 10.0.0.4 \\\n".getBytes(StandardCharsets.ISO_8859_1), ACCOUNTS,
                NO_LISTS, InterfaceNames.NONE).orElseThrow();
        assertEquals(done.consumed(), continued.consumed());
        assertEquals(3, continued.ruleCount());
    }

    @Test
    void aTableLibwrapGaveUpOnCannotGrow() {
        RuleTable truncated = RuleTable.parse("/t", "sshd: 10.0.0.1\nsshd: 10.0.0.2", ACCOUNTS, NO_LISTS, InterfaceNames.NONE);
        assertTrue(truncated.compactEntries().truncated());
        assertFalse(truncated.append("\n".getBytes(StandardCharsets.ISO_8859_1), ACCOUNTS, NO_LISTS, InterfaceNames.NONE).isPresent());
    }

    @Test
    void appendsShareTheOldSegmentsAndMergeLikeABinaryCounter() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            text.append("sshd: 10.0.").append(i >> 8).append('.').append(i & 0xFF).append('\n');
        }
        RuleTable table = RuleTable.parse("/t", text.toString(), ACCOUNTS, NO_LISTS, InterfaceNames.NONE);
        TableEntries.Segment base = table.compactEntries().segments().get(0);
        for (int i = 0; i < 300; i++) {
            String line = "sshd: 10.1." + (i >> 8) + "." + (i & 0xFF) + "\n";
            text.append(line);
            table = table.append(line.getBytes(StandardCharsets.ISO_8859_1), ACCOUNTS, NO_LISTS, InterfaceNames.NONE).orElseThrow();
            List<TableEntries.Segment> segments = table.compactEntries().segments();
            assertSame(base, segments.get(0), "the loaded segment is shared, not copied");
            int appended = i + 1;
            assertEquals(Integer.bitCount(appended) + 1, segments.size(), "segments after " + appended + " appends");
        }
        assertEquals(RuleTable.parse("/t", text.toString(), ACCOUNTS, NO_LISTS, InterfaceNames.NONE).entries(), table.entries());
        TableEntries.Segment last = table.compactEntries().segments().get(table.compactEntries().segments().size() - 1);
        int at = last.firstWith(0x0A01_012B); // 10.1.1.43, the 300th appended line
        assertEquals(1300, last.line(at));
    }

    static Stream<Arguments> shadowed() {
        return Stream.of(
                Arguments.of("a repeated ban", "", "sshd: 10.0.0.1\nsshd: 10.0.0.2\nsshd: 10.0.0.1\n"),
                Arguments.of("a ban under ALL", "", "sshd: 10.0.0.1\nALL: 10.0.0.2\nsshd: 10.0.0.2\nftpd: 10.0.0.2\n"),
                Arguments.of("a net before bans", "", "sshd: 10.0.0.0/255.255.255.0\nsshd: 10.0.0.7\nsshd: 10.0.1.7\n"),
                Arguments.of("allowed before denied", "sshd: 10.0.0.3\n", "sshd: 10.0.0.3\nsshd: 10.0.0.4\n"),
                Arguments.of("an aclexec rule covers nothing", "sshd: 10.0.0.5 : aclexec true\n", "sshd: 10.0.0.5\n"),
                Arguments.of("bans after a name rule", "", "sshd: host.example.org\nsshd: 10.0.0.9\nsshd: 10.0.0.9\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shadowed")
    void deadRulesAreFoundInCompactTablesAsInParsedOnes(String name, String allowText, String denyText) {
        RuleTable allow = RuleTable.parse("/allow", allowText, ACCOUNTS, NO_LISTS, InterfaceNames.NONE);
        RuleTable deny = RuleTable.parse("/deny", denyText, ACCOUNTS, NO_LISTS, InterfaceNames.NONE);
        List<Diagnostic> compact = Shadowing.check(allow, deny);
        List<Diagnostic> plain = Shadowing.check(
                new RuleTable("/allow", Optional.empty(), new ArrayList<>(allow.entries())),
                new RuleTable("/deny", Optional.empty(), new ArrayList<>(deny.entries())));
        assertEquals(plain, compact);
        assertFalse(compact.isEmpty() && !name.startsWith("an aclexec"), "the case has a dead rule: " + compact);
    }
}
