package io.github.tcpwrappers.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.tcpwrappers.AccessRequest;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Container address strings become addresses without DNS; anything else is unknown. */
class NumericAddressTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "127.0.0.1               | 127.0.0.1",
            "[::1]                   | ::1",
            "0:0:0:0:0:0:0:1         | ::1",
            "[fe80::1%eth0]          | fe80::1",
            "fe80::1%25              | fe80::1",
            "::ffff:192.0.2.7        | 192.0.2.7",
            "2001:DB8::A             | 2001:db8::a",
            "localhost               | -",
            "example.com             | -",
            "1.2.3                   | -",
            "1.2.3.4.5               | -",
            "256.1.1.1               | -",
            "1.2.3.x                 | -",
            "[]                      | -",
            "fe80::zz                | -",
            "unknown                 | -"})
    void parsesOnlyNumericLiterals(String text, String expected) {
        assertEquals(Optional.ofNullable(expected), NumericAddress.parse(text).map(AccessRequest::format));
    }
}
