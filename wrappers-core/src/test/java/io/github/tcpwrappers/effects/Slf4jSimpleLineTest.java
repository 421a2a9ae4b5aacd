/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.effects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.DecisionLog;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.testing.StderrLines;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default line as a real SLF4J backend (slf4j-simple, writing to System.err) prints it, and
 * the fail2ban expression of LOGGING.md matching it.
 */
class Slf4jSimpleLineTest {
    /** LOGGING.md's failregex with fail2ban's {@code <HOST>} spelt out for IPv4 and IPv6. */
    static final Pattern FAILREGEX = Pattern.compile(
            "refused connect from (?:\\S+@)?(?<host>[0-9.]+|[0-9a-fA-F:]+)$");

    @TempDir
    Path dir;

    @Test
    void defaultDeniedLineMatchesTheDocumentedFail2banExpression() throws Exception {
        Path deny = dir.resolve("hosts.deny");
        List<String> lines;
        try (HostsAccess access = Rules.files(dir, "", "sshd: 127.0.0.3 [::1]\n").build();
                StderrLines err = StderrLines.capture()) {
            access.checkBlocking(Rules.request("sshd", "127.0.0.3"), Duration.ofSeconds(5));
            access.checkBlocking(Rules.request("sshd", "::1").withUser("mallory"), Duration.ofSeconds(5));
            access.checkBlocking(Rules.request("sshd", "127.0.0.2"), Duration.ofSeconds(5));
            lines = err.containing(DecisionLog.LOGGER);
        }
        lines.forEach(l -> System.out.println("slf4j-simple: " + l));
        assertEquals(3, lines.size(), lines.toString());
        String expected = " WARN " + DecisionLog.LOGGER + " - daemon=sshd client=127.0.0.3 address=127.0.0.3"
                + " verdict=denied rule=" + deny + ":1 facility=daemon refused connect from 127.0.0.3";
        assertTrue(lines.get(0).endsWith(expected), lines.get(0));
        Matcher ipv4 = FAILREGEX.matcher(lines.get(0));
        assertTrue(ipv4.find());
        assertEquals("127.0.0.3", ipv4.group("host"));
        Matcher ipv6 = FAILREGEX.matcher(lines.get(1));
        assertTrue(ipv6.find(), lines.get(1));
        assertEquals("::1", ipv6.group("host"));
        assertTrue(lines.get(2).endsWith(" INFO " + DecisionLog.LOGGER + " - daemon=sshd client=127.0.0.2"
                + " address=127.0.0.2 verdict=granted facility=daemon connect from 127.0.0.2"), lines.get(2));
        assertTrue(!FAILREGEX.matcher(lines.get(2)).find(), "a granted line is not a failure");
    }
}
