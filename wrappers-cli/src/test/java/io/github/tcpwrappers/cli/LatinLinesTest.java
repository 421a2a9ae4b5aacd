/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The replay's line reader splits a log exactly where BufferedReader.readLine would, whatever the buffer size. */
class LatinLinesTest {
    /** Each text, with \n, \r and \r\n ends, empty lines, bytes above 0x7f and no end on the last line. */
    private static final List<String> TEXTS = List.of("", "a", "a\n", "a\nb", "\n", "\n\n", "\r", "\r\n", "\r\r\n\n",
            "one\r\ntwo\rthree\nfour", "x\r", "caf\u00e9 \u00ff\u0080\n\u00a0", "a long line that runs past the small buffers\r\nend\n");

    @ParameterizedTest(name = "buffer of {0} bytes")
    @ValueSource(ints = {1, 2, 3, 5, 64})
    void everyLineAndEndIsReadAsBufferedReaderReadsIt(int bufferSize) throws IOException {
        for (String text : TEXTS) {
            byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
            List<String> expected = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes),
                    StandardCharsets.ISO_8859_1))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    expected.add(line);
                }
            }
            List<String> read = new ArrayList<>();
            LatinLines lines = new LatinLines(new ByteArrayInputStream(bytes), bufferSize);
            for (Optional<String> line = lines.next(); line.isPresent(); line = lines.next()) {
                read.add(line.get());
            }
            assertEquals(expected, read, () -> "text " + text.replace("\r", "\\r").replace("\n", "\\n"));
        }
    }
}
