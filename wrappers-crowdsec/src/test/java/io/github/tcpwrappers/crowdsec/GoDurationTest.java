/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.crowdsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Durations as the LAPI writes them (Go's time.Duration.String) and as Go's ParseDuration reads them. */
class GoDurationTest {
    @ParameterizedTest(name = "{0} = {1} ns")
    @CsvSource({
        "3h59m58.836237921s, 14398836237921",
        "59m57.8362423s, 3597836242300",
        "1h59m58.836237921s, 7198836237921",
        "-99.079144ms, -99079144",
        "-5.543841639s, -5543841639",
        "0, 0",
        "0s, 0",
        "1.5µs, 1500",
        "1.5μs, 1500",
        "2us, 2000",
        "300ns, 300",
        "1h, 3600000000000",
        "+2m, 120000000000",
        ".5s, 500000000",
        "1.s, 1000000000",
        "2562047h47m16.854775807s, 9223372036854775807",
    })
    void parsesWhatGoWrites(String text, long nanos) {
        assertEquals(Duration.ofNanos(nanos), GoDuration.parse(text));
    }

    @ParameterizedTest(name = "\"{0}\" refused")
    @ValueSource(strings = {"", "-", "1", "1x", "h", "1.2.3s", "s1", "1h 2m", "٣s", "2562047h47m16.854775808s",
        "99999999999999999999999999999999999999999999999999999999999999999h"})
    void refusesWhatGoRefuses(String text) {
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(text));
    }
}
