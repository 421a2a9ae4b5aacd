/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.EngineInternals;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.MissingTables;
import io.github.tcpwrappers.Mode;
import io.github.tcpwrappers.RulesRejectedException;
import io.github.tcpwrappers.testing.StderrLines;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 18 item 4: a typo in a table's path ({@code hosts.dney}) used to build silently and
 * grant everyone the table was meant to deny.
 */
class MissingTableAttackTest {
    private static final AccessRequest ATTACKER = AccessRequest.of("sshd",
            new InetSocketAddress("127.0.0.66", 40000), new InetSocketAddress("127.0.0.1", 22));

    @TempDir
    Path dir;

    @ParameterizedTest(name = "missing {0}")
    @ValueSource(strings = {"hosts.allow", "hosts.deny", "no-such-directory/hosts.deny"})
    void strictModeRefusesToBuildNamingTheMissingTable(String missing) throws Exception {
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), "ALL: ALL\n");
        Path absent = dir.resolve(missing);
        Files.deleteIfExists(absent);
        HostsAccess.Builder builder = HostsAccess.builder().allowFile(dir.resolve("hosts.allow"))
                .denyFile(dir.resolve("hosts.deny"));
        builder = missing.equals("hosts.allow") ? builder.allowFile(absent) : builder.denyFile(absent);
        RulesRejectedException refused = assertThrows(RulesRejectedException.class, builder::build);
        assertEquals(1, refused.problems().size(), refused.getMessage());
        assertTrue(refused.problems().get(0).toString().startsWith(absent + ":0: does not exist"), refused.getMessage());
    }

    @Test
    void libwrapModeReadsAMissingTableAsEmptyAndWarns() throws Exception {
        Files.writeString(dir.resolve("hosts.allow"), "");
        try (StderrLines log = StderrLines.capture();
                HostsAccess access = HostsAccess.builder().directory(dir).mode(Mode.LIBWRAP).build()) {
            assertFalse(access.checkBlocking(ATTACKER, Duration.ofSeconds(5)).denied(), "libwrap: missing = empty");
            assertEquals(1, log.containing("WARN").stream()
                    .filter(l -> l.contains(dir.resolve("hosts.deny") + " does not exist")).count(), "one WARN names it");
        }
    }

    @Test
    void strictModeAcceptsAMissingTableOnlyWhenAskedTo() throws Exception {
        Files.writeString(dir.resolve("hosts.deny"), "sshd: 127.0.0.66\n");
        try (HostsAccess access = HostsAccess.builder().directory(dir).missingTables(MissingTables.EMPTY).build()) {
            assertTrue(access.checkBlocking(ATTACKER, Duration.ofSeconds(5)).denied());
            assertEquals(1, EngineInternals.rules(access).ruleCount());
        }
    }
}
