/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Address texts (a container's, a PROXY header's) become requests without DNS; anything else is unknown. */
class TextRequestsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "127.0.0.1               | 127.0.0.1",
            "' 127.0.0.1 '           | 127.0.0.1",
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
            "10.0.0.0/8              | -",
            "[]                      | -",
            "''                      | -",
            "fe80::zz                | -",
            "unknown                 | -"})
    void onlyNumericLiteralsAreAddresses(String text, String expected) {
        AccessRequest request = AccessRequest.ofText("shop", text, 40000, "127.0.0.1", 80, Optional.empty());
        assertEquals(Optional.ofNullable(expected), request.client().map(c -> AccessRequest.format(c.getAddress())));
        assertEquals(expected == null ? "unknown" : expected, request.clientAddressText());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "www.example.com | www.example.com",
            "127.0.0.1       | -",
            "[::1]           | -",
            "'  '            | -"})
    void theServerNameIsKeptOnlyWhenItIsAName(String name, String expected) {
        AccessRequest request = AccessRequest.ofText("shop", "127.0.0.2", 40000, "127.0.0.1", 80, Optional.of(name));
        assertEquals(Optional.ofNullable(expected), request.serverName());
    }

    @Test
    void theEndsOfAKeepAliveConnectionGiveTheSameRequestAndAskTheNameOnce() {
        TextRequests requests = TextRequests.forDaemon("shop");
        AtomicInteger asked = new AtomicInteger();
        AccessRequest first = requests.of("127.0.0.2", 40000, "127.0.0.1", 80, () -> {
            asked.incrementAndGet();
            return Optional.of("www.example.com");
        });
        AccessRequest again = requests.of("127.0.0.2", 40000, "127.0.0.1", 80, () -> {
            asked.incrementAndGet();
            return Optional.empty();
        });
        assertSame(first, again);
        assertEquals(1, asked.get());
        assertEquals(Optional.of("www.example.com"), again.serverName());
        assertNotSame(first, requests.of("127.0.0.2", 40001, "127.0.0.1", 80, Optional::empty));
        assertEquals(40001, requests.of("127.0.0.2", 40001, "127.0.0.1", 80, Optional::empty).client().orElseThrow()
                .getPort());
    }
}
