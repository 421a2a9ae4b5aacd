/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.language;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.tcpwrappers.spi.AccountNames;
import io.github.tcpwrappers.text.ByteText;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * libwrap's process_options as the parser reads it: fields, names, values and the checks done
 * before an option runs. Every row of {@code tables/options.csv} was put to the real libwrap by
 * {@code src/test/conformance-gen/check-tables.py} (options run, the error, and the severity,
 * rfc931 timeout and umask libwrap keeps).
 */
class OptionParserTest {
    /** The oracle's fixed account table. */
    private static final AccountNames ACCOUNTS = AccountNames.of(Set.of("root", "daemon", "bin", "sys", "nobody"),
            Set.of("root", "daemon", "bin", "sys", "adm", "nogroup"));

    @ParameterizedTest(name = "{0}: \"{1}\" -> {2}")
    @CsvFileSource(resources = "/io/github/tcpwrappers/tables/options.csv", delimiter = '|')
    void optionTextIsReadAsLibwrapReadsIt(String behaviour, String text, String steps) {
        List<OptionStep> parsed = OptionParser.parse(ByteText.fromText(text), ACCOUNTS);
        assertEquals(steps, parsed.stream().map(OptionParserTest::render).collect(Collectors.joining(" ; ")), behaviour);
    }

    /** {@code name=value #number !failure}, or {@code !rejection}; numbers libwrap keeps only. */
    private static String render(OptionStep step) {
        if (step instanceof OptionStep.Rejected r) {
            return "!" + r.message();
        }
        OptionStep.Run run = (OptionStep.Run) step;
        StringBuilder out = new StringBuilder(run.name());
        run.value().ifPresent(v -> out.append('=').append(v));
        boolean kept = run.kind() == OptionKind.SEVERITY || run.kind() == OptionKind.RFC931 || run.kind() == OptionKind.UMASK;
        if (kept && run.failure().isEmpty() && run.number() >= 0) {
            out.append(" #").append(run.number());
        }
        run.failure().ifPresent(f -> out.append(" !").append(f));
        return ByteText.toText(out.toString());
    }
}
