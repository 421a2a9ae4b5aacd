/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.language;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.tcpwrappers.files.SystemInterfaces;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * libwrap's host_match: which kind a token is, and which addresses a {@code net/mask} holds.
 * Every row of {@code tables/host-patterns.csv} was put to the real libwrap by
 * {@code src/test/conformance-gen/check-tables.py} on this machine, so zones are judged by this
 * machine's interfaces, as the engine judges them.
 */
class HostPatternTest {
    private static final HostPattern.HostListSource NO_LISTS = path -> new HostPattern.HostList.Missing(path);
    private static final InterfaceNames MACHINE = SystemInterfaces.live();

    @ParameterizedTest(name = "{0}: {1} holds {2} -> {3}")
    @CsvFileSource(resources = "/io/github/tcpwrappers/tables/host-patterns.csv", delimiter = '|')
    void maskHoldsTheAddressesLibwrapMatches(String behaviour, String pattern, String address, boolean inside) {
        HostPattern.Masked mask = assertInstanceOf(HostPattern.Masked.class, HostPattern.parse(pattern, NO_LISTS, MACHINE));
        assertEquals(inside, mask.contains(address), behaviour);
    }

    @ParameterizedTest(name = "\"{0}\" is {1}, tries the name: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            @trusted          | Netgroup       | true
            /etc/blocklist    | FileList       | true
            KNOWN             | Known          | true
            local             | Local          | true
            10.0.0.0/8        | Masked         | false
            [2001:db8::]/32   | Masked         | false
            10.0.0.           | AddressOrName  | false
            10.0.0.1          | AddressOrName  | false
            .example.com      | AddressOrName  | true
            .1                | AddressOrName  | false
            host.             | AddressOrName  | true
            UNKNOWN           | AddressOrName  | true
            PARANOID          | AddressOrName  | true
            [2001:db8::1]     | AddressOrName  | true
            *                 | AddressOrName  | true
            ''                | Never          | false
            """)
    void kindIsChosenInLibwrapsOrder(String token, String kind, boolean triesName) {
        HostPattern p = HostPattern.parse(token, NO_LISTS, MACHINE);
        assertEquals(kind, p.getClass().getSimpleName());
        boolean names = !(p instanceof HostPattern.Masked || p instanceof HostPattern.Never)
                && (!(p instanceof HostPattern.AddressOrName a) || a.triesName());
        assertEquals(triesName, names, "looks at the host name");
    }
}
