/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.cli;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The lines of a byte stream, each byte one char (ISO-8859-1), ended as
 * {@link BufferedReader#readLine()} ends them: by {@code \n}, {@code \r} or {@code \r\n},
 * and a last line without an end still counts. Made for {@code --replay}, whose logs run to
 * hundreds of megabytes: a line is copied once, from the read buffer into its string, where a
 * reader would decode it into chars and compact them back into bytes.
 *
 * <pre>{@code
 * LatinLines lines = new LatinLines(Files.newInputStream(log), 1 << 16);
 * for (Optional<String> line = lines.next(); line.isPresent(); line = lines.next()) { ... }
 * }</pre>
 */
final class LatinLines {
    private final InputStream in;
    private final byte[] buffer;
    private int position;
    private int limit;
    /** A {@code \r} ended the last line: a {@code \n} right after it belongs to that end. */
    private boolean afterReturn;
    /** The start of a line that ran past the buffer; reused, and empty between such lines. */
    private final ByteArrayOutputStream carried = new ByteArrayOutputStream();

    LatinLines(InputStream in, int bufferSize) {
        this.in = in;
        this.buffer = new byte[bufferSize];
    }

    /** {@return the next line without its end, or empty at the end of the stream} */
    Optional<String> next() throws IOException {
        while (true) {
            if (position == limit) {
                int read = in.read(buffer, 0, buffer.length);
                if (read < 0) {
                    return carried.size() == 0 ? Optional.empty() : Optional.of(taken(0, 0));
                }
                position = 0;
                limit = read;
                continue;
            }
            if (afterReturn) {
                afterReturn = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') {
                position++;
            }
            if (position == limit) {
                carried.write(buffer, start, position - start);
                continue;
            }
            afterReturn = buffer[position] == '\r';
            position++;
            return Optional.of(carried.size() == 0
                    ? new String(buffer, start, position - 1 - start, StandardCharsets.ISO_8859_1)
                    : taken(start, position - 1 - start));
        }
    }

    /** The carried start of a line and its end, {@code length} bytes at {@code from}, as one line. */
    private String taken(int from, int length) {
        carried.write(buffer, from, length);
        String line = carried.toString(StandardCharsets.ISO_8859_1);
        carried.reset();
        return line;
    }
}
