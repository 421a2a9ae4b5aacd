/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.value.Decision;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 18 item 10: {@code /} and {@code .} are in libwrap's safe set, so an ident user of
 * {@code ../../x} in {@code spawn (echo hi > DIR/%u.log)} writes outside DIR, as libwrap would.
 * The engine keeps the set; tcpdchk warns, at FILE:LINE, about every redirect target holding
 * {@code %u}, {@code %h}, {@code %n}, {@code %c} or {@code %d}.
 */
class RedirectTraversalAttackTest {
    @TempDir
    Path dir;

    @Test
    void anIdentUserWithDotDotWritesOutsideTheLogDirectory() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("var/log/tcpd"));
        Files.writeString(dir.resolve("hosts.allow"), "echo: ALL: spawn (echo hi > " + logs + "/%u.log)\n");
        Files.writeString(dir.resolve("hosts.deny"), "");
        Path escaped = dir.resolve("var/owned.log");
        try (HostsAccess access = HostsAccess.builder().directory(dir).build()) {
            AccessRequest request = AccessRequest.of("echo", new InetSocketAddress("127.0.0.9", 40000),
                    new InetSocketAddress("127.0.0.1", 7)).withUser("../../owned");
            Decision decision = access.check(request).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals("(echo hi > " + logs + "/../../owned.log)", decision.spawns().get(0).commandLine());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!Files.exists(escaped) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertTrue(Files.exists(escaped), "the spawned shell wrote " + escaped + ", outside " + logs);
        Tools.Run check = Tools.run(dir, "tcpdchk");
        assertTrue(check.out().contains(dir.resolve("hosts.allow") + ":1: warning: spawn: redirect target "
                + logs + "/%u.log holds %u"), check.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', textBlock = """
            spawn (echo hi > /var/log/%u.log) => /var/log/%u.log holds %u
            spawn (echo hi >> "/var/log/%h.log") & => "/var/log/%h.log" holds %h
            spawn cat < /srv/%n/motd => /srv/%n/motd holds %n
            twist /bin/echo hi 2>/tmp/%c-%d => /tmp/%c-%d holds %c, %d
            aclexec /bin/true >|/run/%d.stamp => /run/%d.stamp holds %d
            spawn (/bin/echo x &>/tmp/%u) => /tmp/%u holds %u
            """)
    void tcpdchkWarnsAboutAClientChosenRedirectTarget(String option, String warning) throws Exception {
        Files.writeString(dir.resolve("hosts.allow"), "# comment\nsshd: ALL: " + option + "\n");
        Files.writeString(dir.resolve("hosts.deny"), "");
        Tools.Run check = Tools.run(dir, "tcpdchk");
        String name = option.substring(0, option.indexOf(' '));
        assertTrue(check.out().contains(dir.resolve("hosts.allow") + ":2: warning: " + name + ": redirect target "
                + warning + ", and '/' and '.' survive expansion"), check.out());
        assertEquals(0, check.status(), "a warning, not an error: " + check.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', textBlock = """
            spawn (echo %u@%h >> /var/log/tcpd/connect.log)
            spawn (echo hi > /var/log/%a.log)
            spawn (echo hi > /var/log/%%u.log)
            spawn (echo '> %u' >> /var/log/fixed.log)
            spawn (cat <<%u)
            spawn (echo hi 2>&1 => logger -t %d)
            """)
    void tcpdchkSaysNothingWhenNoClientChosenTextNamesTheFile(String option) throws Exception {
        Files.writeString(dir.resolve("hosts.allow"), "sshd: ALL: " + option + "\n");
        Files.writeString(dir.resolve("hosts.deny"), "");
        Tools.Run check = Tools.run(dir, "tcpdchk");
        assertEquals(List.of(), check.out().lines().filter(l -> l.contains("redirect target")).toList(), check.out());
    }
}
