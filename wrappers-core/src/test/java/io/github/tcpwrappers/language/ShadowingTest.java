/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.language;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.tcpwrappers.files.FileAccess;
import io.github.tcpwrappers.files.RuleLoader;
import io.github.tcpwrappers.spi.AccountNames;
import io.github.tcpwrappers.spi.NetgroupResolver;
import io.github.tcpwrappers.value.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which later rules an earlier one makes unreachable, and which it must not claim. */
class ShadowingTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} | {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # earlier rule (hosts.allow:1)        | later rule (hosts.allow:2)         | dead
            sshd: ALL                             | sshd: 10.0.0.1                      | true
            ALL: ALL : deny                       | in.ftpd sshd: .example.com          | true
            sshd: 10.0.0.0/8                      | sshd: 10.1.2.3                      | true
            sshd: 10.0.0.0/255.0.0.0              | sshd: 10.1.0.0/16                   | true
            sshd: 10.                             | sshd: 10.20.0.0/255.255.0.0         | true
            sshd: 10.0.0.0/8                      | sshd: 10.1.                         | true
            sshd: 10.1.0.0/16                     | sshd: 10.0.0.0/8                    | false
            sshd: 10.1.2.3                        | sshd: 10.1.2.4                      | false
            sshd: 10.0.0.1/8                      | sshd: 10.1.2.3                      | false
            sshd: 010.                            | sshd: 8.1.2.3                       | false
            sshd: .example.com                    | sshd: www.example.com               | true
            sshd: .example.com                    | sshd: .eu.example.com               | true
            sshd: .example.com                    | sshd: example.com                   | false
            sshd: *.example.com                   | sshd: www.example.com               | true
            sshd: [2001:db8::]/32                 | sshd: [2001:db8:1::5]               | true
            sshd: [2001:db8::]/32                 | sshd: [2001:db8:1::]/48             | true
            sshd: [2001:db8::]/48                 | sshd: [2001:db8::]/32               | false
            sshd: 10.0.0.0/8                      | sshd: [::ffff:10.0.0.1]             | false
            22: ALL                               | 22: 10.0.0.1                        | true
            22: ALL                               | sshd: 10.0.0.1                      | false
            in.*: ALL                             | in.ftpd: 10.0.0.1                   | true
            sshd: ALL                             | sshd@192.0.2.1: 10.0.0.1            | true
            sshd@192.0.2.1: ALL                   | sshd: 10.0.0.1                      | false
            sshd: ALL                             | sshd ftpd: 10.0.0.1                 | false
            sshd: ALL                             | sshd: 10.0.0.0/8 EXCEPT 10.0.0.1    | true
            sshd: ALL EXCEPT 10.0.0.1             | sshd: 10.0.0.2                      | false
            ALL EXCEPT ftpd: ALL                  | sshd: 10.0.0.2                      | false
            sshd: ALL : aclexec /bin/false        | sshd: 10.0.0.1                      | false
            sshd: ALL@ALL                         | sshd: alice@10.0.0.1                | true
            sshd: alice@ALL                       | sshd: 10.0.0.1                      | false
            sshd: @trusted                        | sshd: @trusted                      | true
            """)
    void aLaterRuleIsDeadOnlyWhenTheEarlierOneProvablyMatchesAllItMatches(String earlier, String later, boolean dead)
            throws IOException {
        List<Diagnostic> found = check(earlier + "\n" + later + "\n", "");

        assertEquals(dead, found.stream().anyMatch(d -> d.location().get().line() == 2), found.toString());
    }

    @ParameterizedTest(name = "{0} | {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # hosts.allow                    | hosts.deny
            sshd: 10.0.0.0/8 : allow          | sshd: 10.1.2.3
            ALL: ALL                          | ALL: ALL
            sshd: ALL: spawn echo %a          | sshd: 192.0.2.9 : twist /bin/false
            """)
    void anAllowRuleShadowsTheDenyTableRulesItCovers(String allow, String deny) throws IOException {
        List<Diagnostic> found = check(allow + "\n", deny + "\n");

        assertEquals(1, found.size(), found.toString());
        assertEquals(dir.resolve("hosts.deny") + ":1", found.get(0).location().get().toString());
        assertEquals(Diagnostic.Level.WARNING, found.get(0).level());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            sshd: 10.0.0.1 | sshd: ALL
            ALL: 10.       | ALL: ALL
            """)
    void aDenyRuleNeverShadowsTheAllowTable(String allow, String deny) throws IOException {
        assertEquals(List.of(), check(allow + "\n", deny + "\n"));
    }

    private List<Diagnostic> check(String allow, String deny) throws IOException {
        Path a = Files.writeString(dir.resolve("hosts.allow"), allow);
        Path d = Files.writeString(dir.resolve("hosts.deny"), deny);
        RuleLoader loader = new RuleLoader(FileAccess.system(), AccountNames.of(Set.of(), Set.of()), NetgroupResolver.NONE);
        var rules = loader.load(a, d).rules();
        return Shadowing.check(rules.allowTable(), rules.denyTable());
    }
}
