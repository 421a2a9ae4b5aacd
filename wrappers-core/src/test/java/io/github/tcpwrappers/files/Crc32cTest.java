/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Continuing a kept CRC-32C over appended bytes gives the JDK's CRC-32C of the whole. */
class Crc32cTest {
    @ParameterizedTest(name = "{0} bytes, then {1}")
    @CsvSource({"0, 0", "0, 17", "1, 1", "15, 1", "4096, 3", "100000, 25000", "7, 0"})
    void extendingTheKeptValueDigestsTheWhole(int old, int added) {
        byte[] bytes = new byte[old + added];
        new Random(old * 31L + added).nextBytes(bytes);
        CRC32C prefix = new CRC32C();
        prefix.update(bytes, 0, old);
        CRC32C whole = new CRC32C();
        whole.update(bytes, 0, bytes.length);
        assertEquals(whole.getValue(), Crc32c.extend(prefix.getValue(), bytes, old, bytes.length));
    }
}
