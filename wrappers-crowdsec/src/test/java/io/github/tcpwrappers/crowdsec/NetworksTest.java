/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.crowdsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Decision values as one canonical network text, literals only. */
class NetworksTest {
    @ParameterizedTest(name = "Ip {0} -> {1}")
    @CsvSource({
        "203.0.113.7, 203.0.113.7",
        "2001:db8::5, 2001:db8::5",
        "2001:DB8::5, 2001:db8::5",
        "::ffff:203.0.113.7, 203.0.113.7",
        "::1, ::1",
    })
    void anIpIsOneAddress(String value, String network) {
        assertEquals(network, Networks.address(value).toString());
    }

    @ParameterizedTest(name = "Range {0} -> {1}")
    @CsvSource({
        "198.51.100.0/24, 198.51.100.0/24",
        "198.51.100.77/24, 198.51.100.0/24",
        "10.0.0.0/8, 10.0.0.0/8",
        "0.0.0.0/0, 0.0.0.0/0",
        "203.0.113.7/32, 203.0.113.7",
        "2001:db8:1::/48, 2001:db8:1::/48",
        "2001:db8:1:ffff::1/48, 2001:db8:1::/48",
    })
    void aRangeIsANetworkWithHostBitsCleared(String value, String network) {
        assertEquals(network, Networks.range(value).toString());
    }

    @ParameterizedTest(name = "\"{0}\" is no Ip")
    @ValueSource(strings = {"", "localhost", "example.com", "cafe", "dead.beef", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4",
        "1.2.3.4 ", "fe80::1%eth0", "[::1]", "1.2.3.4/24"})
    void aNameOrAnythingButALiteralIsRefused(String value) {
        assertThrows(IllegalArgumentException.class, () -> Networks.address(value));
    }

    @ParameterizedTest(name = "\"{0}\" is no Range")
    @ValueSource(strings = {"198.51.100.0", "198.51.100.0/33", "198.51.100.0/", "198.51.100.0/-1", "2001:db8::/129",
        "example.com/24", "198.51.100.0/24/8", "198.51.100.0/0024"})
    void aBrokenRangeIsRefused(String value) {
        assertThrows(IllegalArgumentException.class, () -> Networks.range(value));
    }
}
