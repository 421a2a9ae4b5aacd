/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.effects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.DecisionLog;
import io.github.tcpwrappers.EngineInternals;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.value.CommandLimits;
import io.github.tcpwrappers.value.Decision;
import io.github.tcpwrappers.value.Diagnostic;
import io.github.tcpwrappers.value.HostName;
import io.github.tcpwrappers.value.RuleLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/** spawn, aclexec, logging and listeners together, through {@link HostsAccess}. */
class EngineEffectsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final CapturingLogger log = new CapturingLogger();

    private DecisionLog decisionLog() {
        return DecisionLog.builder().logger(log).build();
    }

    record Heard(AccessRequest request, Decision decision, Duration elapsed) {
    }

    @Test
    void spawnFromARuleRunsWithSetenvNiceAndUmaskWithoutHoldingTheDecision() throws Exception {
        Path out = dir.resolve("out");
        String rule = "sshd: 127.0.0.2: setenv CLIENT %a: umask 077: nice 3: spawn sleep 1; "
                + "{ echo $CLIENT; umask; } > " + out + ".tmp; mv " + out + ".tmp " + out + "\n";
        try (HostsAccess access = Rules.files(dir, "", rule).decisionLog(decisionLog()).build()) {
            CompletableFuture<Decision> decision = access.check(Rules.request("sshd", "127.0.0.2")).toCompletableFuture();
            assertTrue(decision.isDone(), "the decision does not wait for the spawned command");
            assertTrue(decision.join().denied());
            assertFalse(Files.exists(out), "the command is still sleeping");
            assertEquals(List.of("127.0.0.2", "0077"), ProcessRunnerTest.awaitFile(out));
        }
    }

    @Test
    void aclexecExitStatusKeepsOrDiscardsTheMatch() throws Exception {
        String deny = "sshd: 127.0.0.2: aclexec exit 0\n"
                + "sshd: 127.0.0.3: aclexec test %a = 127.0.0.4\n"; // false for .3: discarded
        try (HostsAccess access = Rules.files(dir, "", deny).decisionLog(decisionLog()).build()) {
            assertTrue(access.checkBlocking(Rules.request("sshd", "127.0.0.2"), WAIT).denied());
            Decision discarded = access.checkBlocking(Rules.request("sshd", "127.0.0.3"), WAIT);
            assertTrue(discarded.granted(), "a failed aclexec voids the deny match");
            assertEquals(Optional.empty(), discarded.rule());
            // Per request: the failure above leaves later requests alone.
            assertTrue(access.checkBlocking(Rules.request("sshd", "127.0.0.2"), WAIT).denied());
        }
    }

    @Test
    void aRequestAskedAgainIsLoggedAndHeardEveryTimeAndFollowsReloads() throws Exception {
        // An adapter may ask again with the same request object (a servlet filter does, for each
        // request of a keep-alive connection): the engine may reuse the verdict, never the effects.
        List<Decision> heard = new CopyOnWriteArrayList<>();
        try (HostsAccess access = Rules.files(dir, "sshd: 127.0.0.2\n", "ALL: ALL\n").decisionLog(decisionLog())
                .listener((request, decision, took) -> heard.add(decision)).build()) {
            AccessRequest same = Rules.request("sshd", "127.0.0.2");
            for (int i = 0; i < 3; i++) {
                assertTrue(access.checkBlocking(same, WAIT).granted());
            }
            assertEquals(3, heard.size());
            assertEquals(3, log.at(Level.INFO).size(), "one granted line per request: " + log.at(Level.INFO));
            log.at(Level.INFO).forEach(e -> assertEquals("127.0.0.2", e.kv("address")));

            Files.writeString(dir.resolve("hosts.allow"), "sshd: 127.0.0.3\n");
            access.reload();
            Decision after = access.checkBlocking(same, WAIT);
            assertTrue(after.denied(), "the reloaded rules decide the same request object");
            assertEquals(1, after.rule().orElseThrow().line());
            assertTrue(after.rule().orElseThrow().file().endsWith("hosts.deny"));
        }
    }

    @Test
    void aRequestAskedAgainRunsItsRuleOptionsAgain() throws Exception {
        Path out = dir.resolve("count");
        String deny = "sshd: 127.0.0.2: spawn echo x >> " + out + "\n";
        try (HostsAccess access = Rules.files(dir, "", deny).decisionLog(decisionLog()).build()) {
            AccessRequest same = Rules.request("sshd", "127.0.0.2");
            assertTrue(access.checkBlocking(same, WAIT).denied());
            assertTrue(access.checkBlocking(same, WAIT).denied());
            long deadline = System.nanoTime() + WAIT.toNanos();
            while ((!Files.exists(out) || Files.readAllLines(out).size() < 2) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(List.of("x", "x"), Files.readAllLines(out), "one spawn per request");
        }
    }

    @Test
    void aRequestAskedAgainIsDecidedAgainWhenItsDecisionNeededALookup() throws Exception {
        AtomicBoolean member = new AtomicBoolean(true);
        try (HostsAccess access = Rules.files(dir, "", "sshd: @admins\n")
                .hostNameResolver(address -> CompletableFuture.completedFuture(new HostName.Verified("h.test")))
                .netgroupResolver((group, host) -> member.get()).decisionLog(decisionLog()).build()) {
            AccessRequest same = Rules.request("sshd", "127.0.0.2");
            assertTrue(access.checkBlocking(same, WAIT).denied());
            member.set(false);
            assertTrue(access.checkBlocking(same, WAIT).granted(), "the group changed, the answer follows");
        }
    }

    @Test
    void aVoidAclexecMatchLeavesTheOptionsItRanToTheRuleThatDecides() throws Exception {
        // libwrap runs options in order: the severity set before the failing aclexec stays in
        // the request that hosts.deny's plain rule then decides.
        String allow = "sshd: 127.0.0.3: severity auth.notice: aclexec exit 1\n";
        try (HostsAccess access = Rules.files(dir, allow, "sshd: 127.0.0.3\n").decisionLog(decisionLog()).build()) {
            Decision decided = access.checkBlocking(Rules.request("sshd", "127.0.0.3"), WAIT);
            assertTrue(decided.denied());
            RuleLocation rule = decided.rule().orElseThrow();
            assertTrue(rule.file().endsWith("hosts.deny") && rule.line() == 1, "hosts.deny line 1 decided: " + rule);
            assertEquals(OptionalInt.of(4 * 8 + 5), decided.severity(), "auth.notice from the voided allow rule");
            Decision plain = access.checkBlocking(Rules.request("sshd", "127.0.0.3"), WAIT);
            assertEquals(decided.severity(), plain.severity(), "each request runs the options again");
        }
    }

    @Test
    void aclexecThatCannotRunWithinTheBoundsDenies() throws Exception {
        List<Heard> heard = new CopyOnWriteArrayList<>();
        CommandLimits limits = CommandLimits.defaults().withMaxProcesses(1).withMaxWaiting(0);
        try (ProcessRunner runner = ProcessRunner.create(limits, new CapturingLogger());
                HostsAccess access = EngineInternals.processRunner(
                        Rules.files(dir, "sshd: ALL: aclexec exit 0\n", "ALL: ALL\n"), runner).decisionLog(decisionLog())
                        .listener((request, decision, elapsed) -> heard.add(new Heard(request, decision, elapsed)))
                        .build()) {
            assertTrue(access.checkBlocking(Rules.request("sshd", "127.0.0.2"), WAIT).granted(), "slot free");
            assertTrue(runner.spawn(ProcessRunnerTest.sh("sleep 2")), "a spawn takes the only slot");
            Decision refused = access.checkBlocking(Rules.request("sshd", "127.0.0.2"), WAIT);
            assertTrue(refused.denied(), "fails closed although hosts.allow would grant");
            assertEquals(Diagnostic.Level.ERROR, refused.diagnostics().get(0).level());
            assertTrue(refused.diagnostics().get(0).message().startsWith("aclexec \"exit 0\" not run, access denied"),
                    refused.diagnostics().get(0).message());
            assertEquals(2, heard.size());
            assertEquals(refused, heard.get(1).decision());
        }
        assertTrue(log.at(Level.ERROR).stream().anyMatch(e -> e.message().contains("aclexec \"exit 0\" not run")),
                log.entries().toString());
    }

    @Test
    void listenersHearEveryDecisionWithRequestRuleAndTiming() throws Exception {
        List<Heard> heard = new CopyOnWriteArrayList<>();
        Path deny = dir.resolve("hosts.deny");
        try (HostsAccess access = Rules.files(dir, "", "sshd: 127.0.0.3\nsshd: 127.0.0.4: aclexec sleep 0.2\n")
                .decisionLog(decisionLog())
                .listener((request, decision, elapsed) -> heard.add(new Heard(request, decision, elapsed)))
                .listener((request, decision, elapsed) -> {
                    throw new IllegalStateException("a broken listener");
                })
                .build()) {
            AccessRequest granted = Rules.request("sshd", "127.0.0.2");
            AccessRequest denied = Rules.request("sshd", "127.0.0.3");
            AccessRequest slow = Rules.request("sshd", "127.0.0.4");
            access.checkBlocking(granted, WAIT);
            access.checkBlocking(denied, WAIT);
            access.checkBlocking(slow, WAIT);
            assertEquals(List.of(granted, denied, slow), heard.stream().map(Heard::request).toList());
            assertEquals(Optional.of(new RuleLocation(deny.toString(), 1)), heard.get(1).decision().rule());
            assertEquals(Optional.of(new RuleLocation(deny.toString(), 2)), heard.get(2).decision().rule());
            assertTrue(heard.get(2).elapsed().toMillis() >= 200, "timing includes the aclexec: " + heard.get(2).elapsed());
        }
        assertEquals(3, log.entries().stream().filter(e -> e.kv("verdict") != null).count());
    }
}
