/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.language;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.tcpwrappers.files.SystemInterfaces;
import io.github.tcpwrappers.text.ByteText;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * libwrap's string_match, one row per behaviour. Every row of {@code tables/string-patterns.csv}
 * was put to the real libwrap by {@code src/test/conformance-gen/check-tables.py} on this machine,
 * so zones are judged by this machine's interfaces ({@code fe80::1%lo}), as the engine judges them.
 */
class StringPatternTest {
    private static final InterfaceNames MACHINE = SystemInterfaces.live();

    @ParameterizedTest(name = "{0}: \"{1}\" vs \"{2}\" -> {3}")
    @CsvFileSource(resources = "/io/github/tcpwrappers/tables/string-patterns.csv", delimiter = '|')
    void patternMatchesAsLibwrapDoes(String behaviour, String pattern, String subject, boolean matches) {
        assertEquals(matches, StringPattern.parse(ByteText.fromText(pattern), MACHINE).matches(ByteText.fromText(subject)),
                behaviour);
    }

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ssh*          | Wildcard
            .exam*        | Wildcard
            A?L           | Wildcard
            .example.com  | Suffix
            ALL           | All
            all           | All
            KNOWN         | NotUnknown
            in.           | Prefix
            [2001:db8::1] | Ipv6Literal
            [fe80::1%lo]  | Ipv6Literal
            sshd          | Exact
            UNKNOWN       | Exact
            PARANOID      | Exact
            """)
    void kindIsChosenInLibwrapsOrder(String token, String kind) {
        assertEquals(kind, StringPattern.parse(token, MACHINE).getClass().getSimpleName());
    }
}
