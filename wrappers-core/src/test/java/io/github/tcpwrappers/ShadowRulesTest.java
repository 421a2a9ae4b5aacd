/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.lookup.JdkHostNameResolver;
import io.github.tcpwrappers.testing.Await;
import io.github.tcpwrappers.testing.StderrLines;
import io.github.tcpwrappers.value.Lookup;
import io.github.tcpwrappers.value.RuleLocation;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Shadow tables in the engine: decided beside the real ones, logged and counted where they differ, never enforced. */
class ShadowRulesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    Path real;
    Path next;

    @BeforeEach
    void tables() throws Exception {
        real = Files.createDirectories(dir.resolve("etc"));
        next = Files.createDirectories(dir.resolve("next"));
        for (Path d : List.of(real, next)) {
            Files.writeString(d.resolve("hosts.allow"), "");
            Files.writeString(d.resolve("hosts.deny"), "");
        }
    }

    private static AccessRequest from(String client) {
        return AccessRequest.of("sshd", new InetSocketAddress(client, 40000), new InetSocketAddress("127.0.0.1", 22));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Await.until(what, WAIT, condition);
    }

    /** Each row: the real deny table, the shadow deny table, the client, and the line expected ("" for none). */
    @ParameterizedTest(name = "{0} / shadow {1} / {2}")
    @CsvSource(delimiter = '|', value = {
            "sshd: 127.0.0.2 | sshd: 127.0.0.2 | 127.0.0.2 | ",
            "sshd: 127.0.0.9 | sshd: 127.0.0.2 | 127.0.0.2 | shadow: would deny sshd from 127.0.0.2 (NEXT:1, in force: no rule)",
            "sshd: 127.0.0.2 | sshd: 127.0.0.9 | 127.0.0.2 | shadow: would grant sshd from 127.0.0.2 (no rule, in force: REAL:1)",
            "sshd: 127.0.0.2 | sshd: LOCAL EXCEPT 127.0.0.2 | 127.0.0.2 | shadow: would grant sshd from 127.0.0.2 (no rule, in force: REAL:1)",
    })
    void aDifferentShadowVerdictIsLoggedAndCountedAndTheRealOneStands(String realDeny, String shadowDeny, String client,
            String expected) throws Exception {
        Files.writeString(real.resolve("hosts.deny"), realDeny + "\n");
        Files.writeString(next.resolve("hosts.deny"), shadowDeny + "\n");
        List<ShadowDifference> heard = new CopyOnWriteArrayList<>();
        try (StderrLines log = StderrLines.capture();
                HostsAccess access = HostsAccess.builder().directory(real).shadowDirectory(next)
                        .engineListener(new EngineListener() {
                            @Override
                            public void onShadowDifference(ShadowDifference difference) {
                                heard.add(difference);
                            }
                        }).build()) {
            boolean realVerdict = access.checkBlocking(from(client), WAIT).granted();
            await("the shadow comparison", () -> access.status().shadow().orElseThrow().compared() == 1);
            EngineStatus.Shadow counts = access.status().shadow().orElseThrow();
            if (expected == null) {
                assertEquals(0, counts.differing());
                assertEquals(List.of(), log.containing("shadow:"));
                assertEquals(List.of(), heard);
            } else {
                String line = expected.replace("NEXT", next.resolve("hosts.deny").toString())
                        .replace("REAL", real.resolve("hosts.deny").toString());
                assertEquals(1, counts.differing());
                List<String> lines = log.containing("shadow:");
                assertEquals(1, lines.size(), lines.toString());
                assertTrue(lines.get(0).endsWith(line), lines.get(0));
                assertEquals(1, heard.size());
                assertEquals(!realVerdict, heard.get(0).shadowGranted());
                assertEquals(line, heard.get(0).logLine());
            }
        }
    }

    private HostsAccess watching(List<ShadowDifference> heard) {
        return HostsAccess.builder().directory(real).shadowDirectory(next)
                .reloadInterval(Duration.ofMillis(20)).settleTime(Duration.ZERO)
                .engineListener(new EngineListener() {
                    @Override
                    public void onShadowDifference(ShadowDifference difference) {
                        heard.add(difference);
                    }
                }).build();
    }

    private static EngineStatus.Shadow shadowOf(HostsAccess access) {
        return access.status().shadow().orElseThrow();
    }

    @Test
    void aRepeatedRequestIsComparedAndItsDifferenceLoggedEveryTime() throws Exception {
        Files.writeString(next.resolve("hosts.deny"), "sshd: 127.0.0.2\n");
        List<ShadowDifference> heard = new CopyOnWriteArrayList<>();
        AccessRequest differs = from("127.0.0.2");
        AccessRequest agrees = from("127.0.0.3");
        try (StderrLines log = StderrLines.capture(); HostsAccess access = watching(heard)) {
            for (int i = 0; i < 5; i++) {
                assertTrue(access.checkBlocking(differs, WAIT).granted());
                assertTrue(access.checkBlocking(agrees, WAIT).granted());
            }
            await("ten comparisons", () -> shadowOf(access).compared() == 10);
            assertEquals(5, shadowOf(access).differing());
            await("five lines", () -> log.containing("shadow:").size() == 5);
            String line = "shadow: would deny sshd from 127.0.0.2 (" + next.resolve("hosts.deny") + ":1, in force: no rule)";
            for (String logged : log.containing("shadow:")) {
                assertTrue(logged.endsWith(line), logged);
            }
            assertEquals(5, heard.size());
            assertTrue(heard.stream().allMatch(d -> d.logLine().equals(line)), heard.toString());
        }
    }

    /**
     * Each row: the table rewritten to deny 127.0.0.2 (the other one denies it from the start
     * when {@code shadowDeniesFirst}), then the differences of two checks before and two after.
     */
    @ParameterizedTest(name = "{0} table reloaded")
    @CsvSource({"shadow, false, 0, 2", "real, true, 2, 0"})
    void reloadingEitherTableDecidesARememberedRequestAgain(String reloaded, boolean shadowDeniesFirst, int before,
            int after) throws Exception {
        if (shadowDeniesFirst) {
            Files.writeString(next.resolve("hosts.deny"), "sshd: 127.0.0.2\n");
        }
        List<ShadowDifference> heard = new CopyOnWriteArrayList<>();
        AccessRequest request = from("127.0.0.2");
        try (HostsAccess access = watching(heard)) {
            access.checkBlocking(request, WAIT);
            access.checkBlocking(request, WAIT);
            assertEquals(before, shadowOf(access).differing());
            if (reloaded.equals("real")) {
                Files.writeString(real.resolve("hosts.deny"), "sshd: 127.0.0.2\n");
                access.reload();
            } else {
                Files.writeString(next.resolve("hosts.deny"), "sshd: 127.0.0.2\n");
                await("the shadow reload", () -> shadowOf(access).rules().generation() == 2);
            }
            boolean realDenies = reloaded.equals("real");
            assertEquals(realDenies, access.checkBlocking(request, WAIT).denied());
            assertEquals(realDenies, access.checkBlocking(request, WAIT).denied());
            assertEquals(before + after, shadowOf(access).differing());
            assertEquals(4, shadowOf(access).compared());
            assertEquals(before + after, heard.size());
        }
    }

    @Test
    void aMatchedShadowSpawnNeverRunsHoweverOftenTheRequestRepeats() throws Exception {
        Path marker = dir.resolve("spawned");
        Files.writeString(next.resolve("hosts.deny"), "sshd: 127.0.0.2 : spawn touch " + marker + "\n");
        AccessRequest request = from("127.0.0.2");
        try (HostsAccess access = watching(new CopyOnWriteArrayList<>())) {
            for (int i = 0; i < 3; i++) {
                assertTrue(access.checkBlocking(request, WAIT).granted());
            }
            assertEquals(3, shadowOf(access).differing());
        }
        Thread.sleep(200);
        assertTrue(Files.notExists(marker), "the shadow's spawn never ran");
    }

    @Test
    void aShadowRuleThatNeedsANameLooksItUpAfterTheRealDecision() throws Exception {
        // 127.0.0.1 is localhost in /etc/hosts: the real resolver verifies it.
        Files.writeString(next.resolve("hosts.deny"), "sshd: localhost\n");
        List<Lookup> lookups = new CopyOnWriteArrayList<>();
        try (StderrLines log = StderrLines.capture();
                HostsAccess access = HostsAccess.builder().directory(real).shadowDirectory(next)
                        .hostNameResolver(JdkHostNameResolver.system())
                        .engineListener(new EngineListener() {
                            @Override
                            public void onLookup(Lookup lookup) {
                                lookups.add(lookup);
                            }
                        }).build()) {
            assertTrue(access.checkBlocking(from("127.0.0.1"), WAIT).granted());
            await("the shadow line", () -> !log.containing("shadow: would deny").isEmpty());
            assertTrue(log.containing("shadow: would deny").get(0)
                    .endsWith("shadow: would deny sshd from 127.0.0.1 (" + next.resolve("hosts.deny") + ":1, in force: no rule)"));
            assertEquals(Lookup.Kind.CLIENT_NAME, lookups.get(0).kind());
            assertEquals(Lookup.Result.OK, lookups.get(0).result());
        }
    }

    @Test
    void aShadowAclexecIsNeverRunAndLeavesTheRequestUndecided() throws Exception {
        Path marker = dir.resolve("ran");
        Files.writeString(next.resolve("hosts.deny"), "sshd: ALL : aclexec touch " + marker + "\n");
        try (HostsAccess access = HostsAccess.builder().directory(real).shadowDirectory(next).build()) {
            assertTrue(access.checkBlocking(from("127.0.0.2"), WAIT).granted());
            await("the undecided count", () -> access.status().shadow().orElseThrow().undecided() == 1);
            assertEquals(0, access.status().shadow().orElseThrow().compared());
        }
        Thread.sleep(200);
        assertTrue(Files.notExists(marker), "the shadow's aclexec never ran");
    }

    @Test
    void strictModeRefusesABrokenShadowTableAtBuildNamingFileAndLine() throws Exception {
        Files.writeString(next.resolve("hosts.deny"), "sshd: 127.0.0.2\nsshd: 127.0.0.3 : nosuchoption\n");
        RulesRejectedException refused = assertThrows(RulesRejectedException.class,
                () -> HostsAccess.builder().directory(real).shadowDirectory(next).build());
        assertTrue(refused.getMessage().contains(next.resolve("hosts.deny") + ":2"), refused.getMessage());
    }

    @Test
    void withoutShadowTablesTheStatusHasNone() throws Exception {
        try (HostsAccess access = HostsAccess.builder().directory(real).build()) {
            access.checkBlocking(from("127.0.0.2"), WAIT);
            assertEquals(Optional.empty(), access.status().shadow());
            assertTrue(!access.status().toMap().containsKey("shadow"));
        }
    }

    @Test
    void theDifferenceRecordSaysNoRuleForADefaultGrant() {
        ShadowDifference d = new ShadowDifference("sshd", "::1", false,
                Optional.of(new RuleLocation("/etc/next/hosts.deny", 7)), Optional.empty());
        assertEquals("shadow: would deny sshd from ::1 (/etc/next/hosts.deny:7, in force: no rule)", d.logLine());
    }
}
