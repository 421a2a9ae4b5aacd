/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.tcpwrappers.language.Hazards;
import io.github.tcpwrappers.language.HostPattern;
import io.github.tcpwrappers.language.InterfaceNames;
import io.github.tcpwrappers.language.RuleTable;
import io.github.tcpwrappers.value.Diagnostic;
import java.util.List;

/**
 * The parser and the hazard checker on arbitrary bytes: they never throw, line numbers only go
 * forward, a file libwrap would stop reading or skip lines of is always refused by strict mode,
 * and checking the same bytes twice finds the same problems.
 */
class ParserFuzzTest {
    private static final String PATH = "/fuzz/hosts.allow";

    /** /fuzz/list holds two patterns, /fuzz/cycle includes itself, anything else is missing. */
    static final HostPattern.HostListSource LISTS = FuzzTables::list;

    @FuzzTest(maxDuration = "60s")
    @DictionaryFile(resourcePath = "hosts_access.dict")
    void parsesAndChecksAnyBytes(byte[] input) {
        String text = FuzzInput.latin1(input);
        RuleTable table = RuleTable.parse(PATH, text, FuzzInput.ACCOUNTS, LISTS, InterfaceNames.NONE);
        List<Diagnostic> problems = Hazards.check(table, text);

        int previous = 0;
        boolean truncated = false;
        for (RuleTable.Entry entry : table.entries()) {
            assertFalse(truncated, "nothing is read after a truncated line");
            // A truncated line carries the number of the last complete one (libwrap's counter).
            int least = entry instanceof RuleTable.Truncated ? previous : Math.max(1, previous);
            assertTrue(entry.line() >= least, () -> "line numbers go forward: " + table.entries());
            previous = entry.line();
            truncated = entry instanceof RuleTable.Truncated;
        }
        boolean refused = problems.stream().anyMatch(d -> d.level() != Diagnostic.Level.WARNING);
        boolean libwrapLosesLines = table.entries().stream()
                .anyMatch(e -> e instanceof RuleTable.Truncated || e instanceof RuleTable.Skipped);
        if (libwrapLosesLines) {
            assertTrue(refused, () -> "strict mode accepted a file libwrap reads only in part: " + table.entries());
        }
        for (Diagnostic d : problems) {
            assertNotNull(d.message());
            assertFalse(d.message().isEmpty(), "every problem says something");
            d.location().ifPresent(at -> assertEquals(PATH, at.file(), "problems name the checked file"));
        }
        RuleTable again = RuleTable.parse(PATH, text, FuzzInput.ACCOUNTS, LISTS, InterfaceNames.NONE);
        assertEquals(problems, Hazards.check(again, text), "checking is deterministic");
    }
}
