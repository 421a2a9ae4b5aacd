/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Networks of shared lists: literals only, one form each; entries refuse what would reach a terminal raw. */
class NetworkTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "203.0.113.7, 203.0.113.7",
        "203.0.113.7/32, 203.0.113.7",
        "198.51.100.0/24, 198.51.100.0/24",
        "0.0.0.0/0, 0.0.0.0/0",
        "2001:db8::/32, 2001:db8::/32",
        "[2001:DB8:0:0::]/32, 2001:db8::/32",
        "::1, ::1",
        "::, ::",
        "::ffff:203.0.113.7, 203.0.113.7",
        "2001:db8::203.0.113.7, 2001:db8::cb00:7107",
        "2001:db8:0:1:0:0:0:1, 2001:db8:0:1::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:0:0:1:0:0:0:0, 2001:0:0:1::",
        "1:0:2:0:3:0:4:0, 1:0:2:0:3:0:4:0",
    })
    void literalsParseToOneForm(String text, String form) {
        assertEquals(form, Network.parse(text).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "example.com", "localhost", "203.0.113.7/33", "203.0.113.1/24", "2001:db8::1/32",
        "256.1.1.1", "1.2.3", "01.2.3.4", "1.2.3.4/", "1.2.3.4/x", "2001:db8:::1", ":1::", "1::2::3",
        "fe80::1%eth0", "1.2.3.4 ", "[1.2.3.4]/8x"})
    void anythingButALiteralNetworkIsRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> Network.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"esc \u001b]0;owned\u0007", "line\nbreak", "rlo \u202e", "c1 \u009b"})
    void entryTextsWithControlCharactersAreRefused(String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ListEntry(Network.parse("203.0.113.7"), Instant.EPOCH, "o", reason));
        assertTrue(e.getMessage().contains("control character"), e.getMessage());
    }
}
