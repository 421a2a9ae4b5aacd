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
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.Mode;
import io.github.tcpwrappers.ReloadEvent;
import io.github.tcpwrappers.RulesRejectedException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 item 6: the 64 MiB file cap admitted tables needing gigabytes of heap; a load is now
 * bounded by its estimated cost (here a 1 MiB limit, about 10,900 single-address lines at 96
 * bytes each, so the test needs no gigabyte file), refused in every mode, and the last good
 * rules stay.
 */
class OversizedTableAttackTest {
    private static final long LIMIT = 1L << 20;
    private static final AccessRequest ATTACKER = AccessRequest.of("sshd",
            new InetSocketAddress("127.0.0.66", 40000), new InetSocketAddress("127.0.0.1", 22));

    @TempDir
    Path dir;

    private static String rules(int count) {
        StringBuilder text = new StringBuilder("# generated\n\n");
        for (int i = 0; i < count; i++) {
            text.append("sshd: 10.").append(i / 65536 % 256).append('.').append(i / 256 % 256).append('.')
                    .append(i % 256).append('\n');
        }
        return text.toString();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anOversizedTableIsRefusedAtBuild(Mode mode) throws IOException {
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), rules(50_000));
        RulesRejectedException refused = assertThrows(RulesRejectedException.class,
                () -> HostsAccess.builder().directory(dir).mode(mode).loadMemoryLimit(LIMIT).build());
        assertEquals(dir.resolve("hosts.deny") + ": too large (50000 rules, about 4.6 MiB; limit 1.0 MiB for a load);"
                + " the rules in force stay", refused.problems().get(0).toString());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anOversizedReloadKeepsTheLastGoodRules(Mode mode) throws Exception {
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), "sshd: 127.0.0.66\n");
        List<ReloadEvent> events = new CopyOnWriteArrayList<>();
        try (HostsAccess access = HostsAccess.builder().directory(dir).mode(mode).loadMemoryLimit(LIMIT)
                .reloadInterval(Duration.ofMillis(20)).settleTime(Duration.ZERO).reloadListener(events::add).build()) {
            Path temp = dir.resolve("hosts.deny.new");
            Files.writeString(temp, rules(50_000)); // the attacker is no longer listed, and the table is huge
            Files.move(temp, dir.resolve("hosts.deny"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (events.isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "no reload attempt");
                Thread.sleep(10);
            }
            ReloadEvent refused = events.get(0);
            assertFalse(refused.applied());
            assertTrue(refused.problems().get(0).toString().startsWith(dir.resolve("hosts.deny") + ": too large (50000 rules"),
                    refused.problems().toString());
            assertTrue(access.checkBlocking(ATTACKER, Duration.ofSeconds(5)).denied(), "the last good rules stay");
            assertEquals(1, access.status().ruleCount());
        }
    }
}
