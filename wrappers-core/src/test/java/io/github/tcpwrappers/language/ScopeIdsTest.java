/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.language;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code %zone} question goes to the {@link InterfaceNames} the edge passed in, never to
 * the machine: a zone name is accepted where (and only where) glibc's rule lets
 * {@code if_nametoindex} be asked (a link-scoped address, a name of at most 15 bytes) and the
 * given names hold it. The machine-facing rows ({@code fe80::1%lo} accepted,
 * {@code 2001:db8::1%lo} refused) are oracle-checked in {@code tables/string-patterns.csv}; here
 * a fixed set of names stands in for an interface table, so the rule itself is pinned.
 */
class ScopeIdsTest {
    private static final InterfaceNames ETH7 = InterfaceNames.of(Set.of("eth7", "abcdefghijklmno", "abcdefghijklmnop"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            fe80::1%eth7              | true
            fe80::1%eth8              | false
            fe80::1%ETH7              | false
            ff02::1%eth7              | true
            ff01::1%eth7              | true
            ff05::1%eth7              | false
            2001:db8::1%eth7          | false
            febf::1%eth7              | true
            fec0::1%eth7              | false
            fe80::1%abcdefghijklmno   | true
            fe80::1%abcdefghijklmnop  | false
            fe80::1%7                 | true
            2001:db8::1%4294967295    | true
            2001:db8::1%4294967296    | false
            fe80::1%                  | false
            fe80::1%7x                | false
            """)
    void aZoneNameIsAcceptedOnlyOnLinkScopedAddressesNamingAGivenInterface(String text, boolean accepted) {
        byte[] address = CText.parseIpv6(text, ETH7);
        if (accepted) {
            assertArrayEquals(CText.parseIpv6(text.substring(0, text.indexOf('%')), InterfaceNames.NONE), address);
        } else {
            assertNull(address);
        }
    }

    @Test
    void onlyLinkScopedTextsWithANamedZoneAreAskedAbout() {
        List<String> asked = new ArrayList<>();
        InterfaceNames recording = name -> {
            asked.add(name);
            return false;
        };
        for (String text : List.of("2001:db8::1%eth0", "fe80::1%5", "fe80::1", "10.0.0.1", "fe80::1%eth0",
                "fe80::1%abcdefghijklmnop")) {
            CText.parseIpv6(text, recording);
        }
        // glibc tries if_nametoindex first on a link-scoped address, even for a number.
        assertEquals(List.of("5", "eth0"), asked);
    }

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            [fe80::1%eth7]    | fe80::1       | true
            [fe80::1]         | fe80::1%eth7  | true
            [fe80::1%eth8]    | fe80::1       | false
            [fe80::1]         | fe80::1%eth8  | false
            [fe80::]/64       | fe80::9%eth7  | true
            [fe80::%eth7]/64  | fe80::9       | true
            [fe80::]/64       | fe80::9%eth8  | false
            """)
    void patternsAndSubjectsBothAskTheNamesGivenAtParse(String pattern, String subject, boolean matches) {
        HostPattern p = HostPattern.parse(pattern, HostPattern.HostList.Missing::new, ETH7);
        boolean matched = p instanceof HostPattern.Masked m ? m.contains(subject)
                : ((HostPattern.AddressOrName) p).pattern().matches(subject);
        assertEquals(matches, matched);
    }
}
