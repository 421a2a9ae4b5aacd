/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.tcpwrappers.text.ByteText;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * libwrap's percent_x, one row per behaviour: letters, fallbacks, byte-wise sanitising and the
 * lone bytes a {@code %} before a multi-byte character leaves. Every row of
 * {@code tables/expansions.csv} was put to the real libwrap by
 * {@code src/test/conformance-gen/check-tables.py} ({@code \xHH} in a cell is one raw byte).
 */
class ExpanderTest {

    @ParameterizedTest(name = "{0}: \"{1}\" -> \"{7}\"")
    @CsvFileSource(resources = "/io/github/tcpwrappers/tables/expansions.csv", delimiter = '|')
    void templateExpandsAsLibwrapExpandsIt(String behaviour, String template, String daemon, String address,
            String name, String user, String pid, String expansion) throws Expander.Overflow {
        Facts facts = new Facts(ByteText.fromText(daemon), address, "", -1, -1, ByteText.fromText(pid), false)
                .clientName(ByteText.fromText(name)).user(ByteText.fromText(user)).serverName("");
        String expanded = Expander.expand(ByteText.fromText(template), new Evaluation(null, facts), Expander.OPTION_BUFFER);
        assertEquals(raw(expansion), expanded, behaviour);
    }

    /** A cell with {@code \xHH} escapes as a byte string. */
    private static String raw(String cell) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < cell.length(); i++) {
            if (cell.startsWith("\\x", i)) {
                out.write(Integer.parseInt(cell.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                out.writeBytes(String.valueOf(cell.charAt(i)).getBytes(StandardCharsets.UTF_8));
            }
        }
        return ByteText.of(out.toByteArray());
    }
}
