/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.effects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.DecisionLog;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.spi.AccountNames;
import io.github.tcpwrappers.value.Decision;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.event.Level;

class DecisionLogTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final CapturingLogger log = new CapturingLogger();

    private Decision decide(HostsAccess.Builder builder, AccessRequest request) throws Exception {
        try (HostsAccess access = builder.decisionLog(DecisionLog.builder().logger(log).build()).build()) {
            return access.checkBlocking(request, WAIT);
        }
    }

    private CapturingLogger.Entry onlyDecisionLine() {
        List<CapturingLogger.Entry> lines = log.entries().stream().filter(e -> e.kv("verdict") != null).toList();
        assertEquals(1, lines.size(), "decision lines: " + log.entries());
        return lines.get(0);
    }

    @Test
    void deniedRequestLogsTcpdLineAtWarnWithKeyValues() throws Exception {
        Path deny = dir.resolve("hosts.deny");
        decide(Rules.files(dir, "", "sshd: 127.0.0.3\n"), Rules.request("sshd", "127.0.0.3"));
        CapturingLogger.Entry line = onlyDecisionLine();
        assertEquals(Level.WARN, line.level());
        assertEquals("refused connect from 127.0.0.3", line.message());
        assertEquals(Map.of("daemon", "sshd", "client", "127.0.0.3", "address", "127.0.0.3", "verdict", "denied",
                "rule", deny + ":1", "facility", "daemon"), line.keyValues());
    }

    @Test
    void grantedRequestLogsConnectFromAtInfo() throws Exception {
        Path allow = dir.resolve("hosts.allow");
        decide(Rules.files(dir, "sshd: 127.0.0.2\n", "ALL: ALL\n"), Rules.request("sshd", "127.0.0.2"));
        CapturingLogger.Entry line = onlyDecisionLine();
        assertEquals(Level.INFO, line.level());
        assertEquals("connect from 127.0.0.2", line.message());
        assertEquals(allow + ":1", line.kv("rule"));
        assertEquals("granted", line.kv("verdict"));
    }

    @Test
    void requestNoRuleMatchedIsLoggedGrantedWithoutRuleKey() throws Exception {
        decide(Rules.files(dir, "", "ftpd: ALL\n"), Rules.request("sshd", "127.0.0.4"));
        CapturingLogger.Entry line = onlyDecisionLine();
        assertEquals("connect from 127.0.0.4", line.message());
        assertFalse(line.keyValues().containsKey("rule"));
    }

    static Stream<Arguments> severities() {
        return Stream.of(
                Arguments.of("emerg", Level.ERROR, "daemon"),
                Arguments.of("alert", Level.ERROR, "daemon"),
                Arguments.of("crit", Level.ERROR, "daemon"),
                Arguments.of("err", Level.ERROR, "daemon"),
                Arguments.of("warning", Level.WARN, "daemon"),
                Arguments.of("notice", Level.INFO, "daemon"),
                Arguments.of("info", Level.INFO, "daemon"),
                Arguments.of("debug", Level.DEBUG, "daemon"),
                Arguments.of("auth.notice", Level.INFO, "auth"),
                Arguments.of("local0.debug", Level.DEBUG, "local0"),
                Arguments.of("mail.crit", Level.ERROR, "mail"),
                Arguments.of("local7.warning", Level.WARN, "local7"));
    }

    @ParameterizedTest(name = "severity {0} logs at {1}, facility {2}")
    @MethodSource("severities")
    void ruleSeveritySetsLevelAndFacilityForBothVerdicts(String severity, Level level, String facility)
            throws Exception {
        decide(Rules.files(dir, "sshd: 127.0.0.2: severity " + severity + "\n",
                "sshd: 127.0.0.3: severity " + severity + "\n"), Rules.request("sshd", "127.0.0.2"));
        decide(Rules.files(dir, "sshd: 127.0.0.2: severity " + severity + "\n",
                "sshd: 127.0.0.3: severity " + severity + "\n"), Rules.request("sshd", "127.0.0.3"));
        List<CapturingLogger.Entry> lines = log.entries();
        assertEquals(2, lines.size(), lines.toString());
        for (CapturingLogger.Entry line : lines) {
            assertEquals(level, line.level(), line.toString());
            assertEquals(facility, line.kv("facility"));
            assertEquals(severity.substring(severity.indexOf('.') + 1), line.kv("severity"));
        }
        assertEquals("granted", lines.get(0).kv("verdict"));
        assertEquals("denied", lines.get(1).kv("verdict"));
    }

    @Test
    void configuredFormatsAreExpandedWithEveryLetter() throws Exception {
        DecisionLog custom = DecisionLog.builder().logger(log)
                .grantedFormat("ok %d %a:%r -> %A:%R %s [%n] [%u] %h %H %% %p")
                .deniedFormat("no %c for %d")
                .build();
        AccessRequest request = Rules.request("imapd", "127.0.0.5").withUser("alice").withClientName("client.example");
        try (HostsAccess access = Rules.files(dir, "", "imapd: 127.0.0.6\n").decisionLog(custom).build()) {
            access.checkBlocking(request, WAIT);
            access.checkBlocking(Rules.request("imapd", "127.0.0.6").withUser("bob"), WAIT);
        }
        List<CapturingLogger.Entry> lines = log.entries();
        assertEquals("ok imapd 127.0.0.5:40022 -> 127.0.0.1:22 imapd@127.0.0.1 [client.example] [alice] "
                + "client.example 127.0.0.1 % " + ProcessHandle.current().pid(), lines.get(0).message());
        assertEquals("alice@client.example", lines.get(0).kv("client"));
        assertEquals("no bob@127.0.0.6 for imapd", lines.get(1).message());
    }

    @Test
    void namesAndUsersNobodyLookedUpLogAsUnknownWithoutALookup() throws Exception {
        DecisionLog custom = DecisionLog.builder().logger(log).deniedFormat("refused %n %u %h %c").build();
        HostsAccess.Builder builder = Rules.files(dir, "", "ALL: 127.0.0.7\n").decisionLog(custom)
                .hostNameResolver(address -> {
                    throw new AssertionError("the log line must not look anything up");
                });
        try (HostsAccess access = builder.build()) {
            access.checkBlocking(Rules.request("sshd", "127.0.0.7"), WAIT);
        }
        assertEquals("refused unknown unknown 127.0.0.7 127.0.0.7", onlyDecisionLine().message());
    }

    static Stream<Arguments> hostileNames() {
        return Stream.of(
                Arguments.of("evil\nrefused connect from 10.0.0.1", "evil_refused_connect_from_10.0.0.1"),
                Arguments.of("a\r\nb", "a__b"),
                Arguments.of("x$(id) `id`;'\"", "x__id___id____"),
                Arguments.of("h\u00e9", "h__"));
    }

    @ParameterizedTest(name = "client name {0} logs as {1}")
    @MethodSource("hostileNames")
    void hostileClientNamesCannotForgeLogLines(String name, String logged) throws Exception {
        decide(Rules.files(dir, "", "ALL: ALL\n"), Rules.request("sshd", "127.0.0.8").withClientName(name));
        CapturingLogger.Entry line = onlyDecisionLine();
        assertEquals("refused connect from " + logged, line.message());
        assertEquals(logged, line.kv("client"));
    }

    @Test
    void expansionOverflowLogsDecisionAndDiagnosticAtError() throws Exception {
        String name = "n".repeat(120) + ".example";
        decide(Rules.files(dir, "", "ALL: ALL: spawn echo " + "%h".repeat(70) + "\n"),
                Rules.request("sshd", "127.0.0.9").withClientName(name));
        CapturingLogger.Entry line = onlyDecisionLine();
        assertEquals(Level.ERROR, line.level());
        assertEquals("denied", line.kv("verdict"));
        List<CapturingLogger.Entry> diagnostics = log.containing("percent_x: expansion too long");
        assertEquals(1, diagnostics.size(), log.entries().toString());
        assertEquals(Level.ERROR, diagnostics.get(0).level());
        assertTrue(diagnostics.get(0).message().endsWith("(request denied)"));
    }

    @Test
    void decisionDiagnosticsAreLoggedBeforeTheLine() throws Exception {
        Path allow = dir.resolve("hosts.allow");
        decide(Rules.files(dir, "sshd: 127.0.0.2: setenv X %x: nosuchoption\n", ""),
                Rules.request("sshd", "127.0.0.2"));
        List<CapturingLogger.Entry> lines = log.entries();
        assertEquals(3, lines.size(), lines.toString());
        assertEquals(Level.WARN, lines.get(0).level());
        assertEquals("warning: " + allow + ", line 1: unrecognized %x", lines.get(0).message());
        assertEquals(allow + ":1", lines.get(0).kv("rule"));
        assertEquals(Level.ERROR, lines.get(1).level());
        assertTrue(lines.get(1).message().startsWith("error: " + allow + ", line 1: "), lines.get(1).message());
        assertEquals("denied", lines.get(2).kv("verdict"));
    }

    @Test
    void userAndGroupOptionsAreReportedOncePerRule() throws Exception {
        AccountNames accounts = AccountNames.of(Set.of("nobody"), Set.of("nogroup"));
        Path allow = dir.resolve("hosts.allow");
        try (HostsAccess access = Rules.files(dir, "sshd: 127.0.0.2: user nobody: group nogroup\n"
                        + "ftpd: 127.0.0.2: user nobody\n", "")
                .accountNames(accounts).decisionLog(DecisionLog.builder().logger(log).build()).build()) {
            for (int i = 0; i < 3; i++) {
                access.checkBlocking(Rules.request("sshd", "127.0.0.2"), WAIT);
                access.checkBlocking(Rules.request("ftpd", "127.0.0.2"), WAIT);
            }
        }
        List<CapturingLogger.Entry> notices = log.containing("does not apply inside a JVM");
        assertEquals(List.of(
                allow + ":1: option \"user nobody\" does not apply inside a JVM: the process keeps its user and groups",
                allow + ":1: option \"group nogroup\" does not apply inside a JVM: the process keeps its user and groups",
                allow + ":2: option \"user nobody\" does not apply inside a JVM: the process keeps its user and groups"),
                notices.stream().map(CapturingLogger.Entry::message).toList());
        assertEquals(6, log.entries().stream().filter(e -> "granted".equals(e.kv("verdict"))).count());
    }

    @Test
    void configuredDefaultLevelsApplyWithoutSeverity() throws Exception {
        DecisionLog quiet = DecisionLog.builder().logger(log).grantedLevel(Level.DEBUG).deniedLevel(Level.ERROR).build();
        try (HostsAccess access = Rules.files(dir, "", "ALL: 127.0.0.3\n").decisionLog(quiet).build()) {
            access.checkBlocking(Rules.request("sshd", "127.0.0.2"), WAIT);
            access.checkBlocking(Rules.request("sshd", "127.0.0.3"), WAIT);
        }
        assertEquals(List.of(Level.DEBUG, Level.ERROR), log.entries().stream().map(CapturingLogger.Entry::level).toList());
    }

    @Test
    void disabledLevelsAreNotLogged() throws Exception {
        CapturingLogger warnOnly = new CapturingLogger(Level.WARN);
        try (HostsAccess access = Rules.files(dir, "", "ALL: 127.0.0.3\n")
                .decisionLog(DecisionLog.builder().logger(warnOnly).build()).build()) {
            access.checkBlocking(Rules.request("sshd", "127.0.0.2"), WAIT);
            access.checkBlocking(Rules.request("sshd", "127.0.0.3"), WAIT);
        }
        assertEquals(List.of("refused connect from 127.0.0.3"),
                warnOnly.entries().stream().map(CapturingLogger.Entry::message).toList());
    }

    @Test
    void formatWithUnknownSequenceIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DecisionLog.builder().deniedFormat("refused %x from %a"));
        assertTrue(e.getMessage().contains("%x"), e.getMessage());
        DecisionLog.builder().grantedFormat("100%% sure, ends in %"); // %% and a final % are literal
    }
}
