/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.language;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.tcpwrappers.spi.AccountNames;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The "never reached" warning within one table: which earlier rule shadows a later one. */
class ShadowedRuleTest {
    private static final AccountNames ACCOUNTS = AccountNames.of(Set.of("nobody"), Set.of("nogroup"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ALL: ALL / sshd: 10.0.0.1                        | 2:1
            sshd in.ftpd: ALL / sshd: x                      | 2:1
            SSHD: ALL / sshd: x                              | 2:1
            sshd: ALL / sshd in.ftpd: x                      | -
            sshd: ALL: spawn echo / sshd: y                  | 2:1
            sshd: ALL EXCEPT 10.0.0.1 / sshd: y              | -
            sshd: ALL: / sshd: y                             | 2:1
            sshd@h: ALL / sshd@h: y                          | 2:1
            a b: ALL / b: ALL / a b c: x                     | 2:1
            a: ALL / ALL: ALL / a: x                         | 3:1
            ALL: ALL / a: ALL / a: x                         | 2:1 3:1
            a b: ALL / b a: x / c: x                         | 2:1
            a x: ALL / b x: ALL / a b: y / b: z              | 4:2
            22: ALL / 22: x                                  | 2:1
            22: ALL / 23: x                                  | -
            sshd: .example.org / sshd: host.example.org      | 2:1
            sshd: .org / sshd: .zone1.example.org            | 2:1
            sshd: .zone1.example.org / sshd: .example.org    | -
            sshd: host.example.org / sshd: HOST.example.org  | 2:1
            sshd: .example.org / sshd: example.org           | -
            sshd: 10.0.0.1 / sshd: 10.0.0.1/32               | 2:1
            ALL: ALL / 22: x                                 | 2:1
            """)
    void laterRulesCoveredByAnEarlierCatchAllAreReported(String lines, String expected) {
        String text = String.join("\n", lines.split(" / ")) + "\n";
        RuleTable table = RuleTable.parse("/t", text, ACCOUNTS, HostPattern.HostList.Missing::new, InterfaceNames.NONE);
        List<String> found = Shadowing.check(table, RuleTable.missing("/d")).stream()
                .filter(d -> d.message().startsWith("never reached"))
                .map(d -> d.location().orElseThrow().line() + ":" + d.message().replaceAll(".*/t:(\\d+).*", "$1"))
                .toList();
        assertEquals(expected.equals("-") ? List.of() : List.of(expected.split(" ")), found);
    }

}
