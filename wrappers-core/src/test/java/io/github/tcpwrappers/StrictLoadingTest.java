/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.language.Shadowing;
import io.github.tcpwrappers.value.Decision;
import io.github.tcpwrappers.value.Diagnostic;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Strict mode refuses every hazard of shared/conformance/hazards.md; LIBWRAP mode loads them. */
class StrictLoadingTest {
    @TempDir
    Path dir;

    static Stream<Arguments> hazards() {
        return Stream.of(
                Arguments.of("comment after a rule", "sshd: 10.0.0.1 # office\n", 1, "comments start only in column 1"),
                Arguments.of("comment in options", "sshd: 10.0.0.1 : allow # trusted\n", 1, "not a comment"),
                Arguments.of("missing final newline", "sshd: 10.0.0.1", 1, "missing newline"),
                Arguments.of("line too long", "sshd: " + "x".repeat(2100) + "\n", 1, "line too long"),
                Arguments.of("rule ending in a colon", "sshd: ALL:\n", 1, "remove the trailing colon"),
                Arguments.of("bare IPv6 address", "sshd: 2001:db8::1\n", 1, "write [2001:db8::1]"),
                Arguments.of("bare IPv6 network", "ALL: fd42:3bce::/48\n", 1, "write [fd42:3bce::]/48"),
                Arguments.of("net with host bits", "sshd: 192.168.0.1/24\n", 1, "write 192.168.0.0/24"),
                Arguments.of("dotted net with host bits", "sshd: 10.0.0.1/255.0.0.0\n", 1, "write 10.0.0.0/255.0.0.0"),
                Arguments.of("all-ones mask", "sshd: 10.0.0.1/255.255.255.255\n", 1, "write 10.0.0.1/32"),
                Arguments.of("odd mask", "sshd: 10.0.0.0/255.210.0.0\n", 1, "not contiguous"),
                Arguments.of("non-numeric IPv6 length", "sshd: [2001:db8::]/abc\n", 1, "matches every IPv6 client"),
                Arguments.of("numeric prefix without dot", "sshd: 10.1\n", 1, "write \"10.1.\""),
                Arguments.of("commas inside an address", "sshd: 192,168,219.1\n", 1, "comma between digits"),
                Arguments.of("indented comment", "  # old rule\n", 1, "missing \":\""),
                Arguments.of("comment continued", "# note \\\nsshd: 10.0.0.1\n", 1, "comment ends in a backslash"),
                Arguments.of("full-width colon", "sshd\uFF1A 10.0.0.1\n", 1, "missing \":\""),
                Arguments.of("no-break space", "sshd: 10.0.0.1\u00A010.0.0.2\n", 1, "byte 0xC2"),
                Arguments.of("pasted address", "10.0.0.1\n", 1, "missing \":\""),
                Arguments.of("mapped IPv6 literal", "sshd: [::ffff:10.0.0.1]\n", 1, "write the IPv4 address"),
                Arguments.of("setenv with =", "sshd: ALL : setenv A=B\n", 1, "setenv NAME value"),
                Arguments.of("unknown user", "sshd: ALL : user nosuchuser\n", 1, "unknown user"),
                Arguments.of("unknown group", "sshd: ALL : user nobody.nosuchgroup\n", 1, "unknown group"),
                Arguments.of("octal octet", "sshd: 010.0.0.1\n", 1, "octal"),
                Arguments.of("unknown option", "sshd: ALL : frobnicate\n", 1, "bad option name"),
                Arguments.of("allow not last", "sshd: ALL : allow : spawn true\n", 1, "must be at end"),
                Arguments.of("bad umask", "sshd: ALL : umask 999\n", 1, "bad umask value"),
                Arguments.of("unknown expansion", "sshd: ALL : spawn echo %x\n", 1, "unrecognized %x"),
                Arguments.of("unreadable list cycle", "sshd: ${DIR}/a\n", 1, "includes itself"),
                Arguments.of("zone in an IPv6 literal", "sshd: [fe80::1%lo]\n", 1, "has a zone"),
                Arguments.of("zone in an IPv6 network", "sshd: [2001:db8::%3]/32\n", 1, "has a zone"),
                Arguments.of("daemon ending in **", "ssh**: ALL\n", 1, "needs at least one more byte"),
                Arguments.of("host ending in **", "sshd: host**\n", 1, "needs at least one more byte"),
                Arguments.of("user ending in **", "sshd: alice**@ALL\n", 1, "needs at least one more byte"),
                Arguments.of("list that is a directory", "sshd: ${DIR}\n", 1, "is a directory"),
                Arguments.of("list path with a trailing slash", "sshd: ${DIR}/a/\n", 1, "Not a directory"),
                Arguments.of("banners naming a file", "sshd: ALL: banners ${DIR}/a\n", 1, "is not a directory"),
                Arguments.of("% before a multi-byte character", "sshd: ALL: spawn echo x%\u00e9y\n", 1,
                        "before a non-ASCII character"),
                Arguments.of("second rule reported at its line", "sshd: 10.0.0.1\n\nsshd: 10.0.0.2 # x\n", 3,
                        "comments start only in column 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hazards")
    void strictModeRefusesTheHazardNamingFileAndLine(String name, String rules, int line, String message)
            throws IOException {
        Path allow = dir.resolve("hosts.allow");
        Files.write(allow, rules.replace("${DIR}", dir.toString()).getBytes(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("a"), dir.resolve("b") + "\n");
        Files.writeString(dir.resolve("b"), dir.resolve("a") + "\n");
        RulesRejectedException refused = assertThrows(RulesRejectedException.class,
                () -> HostsAccess.builder().directory(dir).build());
        String expectedPrefix = allow + ":" + line + ": ";
        assertTrue(refused.problems().stream().anyMatch(d -> d.toString().startsWith(expectedPrefix)
                        && d.message().contains(message)),
                () -> "expected " + expectedPrefix + "..." + message + " in\n" + refused.getMessage());
        assertTrue(refused.getMessage().contains(expectedPrefix), refused.getMessage());

        try (HostsAccess lenient = HostsAccess.builder().directory(dir).mode(Mode.LIBWRAP).build()) {
            assertFalse(lenient.problems().isEmpty(), "LIBWRAP mode loads the file and keeps its problems");
        }
    }

    @Test
    void everyProblemIsListedInOneException() throws IOException {
        Files.writeString(dir.resolve("hosts.allow"), "sshd: 10.0.0.1 # office\nsshd: ALL:\n");
        Files.writeString(dir.resolve("hosts.deny"), "ALL: 192.168.0.1/24\n");
        RulesRejectedException refused = assertThrows(RulesRejectedException.class,
                () -> HostsAccess.builder().directory(dir).build());
        List<String> where = refused.problems().stream()
                .map(d -> d.location().orElseThrow().toString()).toList();
        assertEquals(List.of(dir.resolve("hosts.allow") + ":1", dir.resolve("hosts.allow") + ":2",
                dir.resolve("hosts.deny") + ":1"), where);
    }

    @Test
    void cleanFilesLoadInStrictModeWithAdviceOnly() throws IOException {
        Files.writeString(dir.resolve("hosts.allow"), """
                # trusted networks
                sshd: 10.0.0.0/8, 192.168.1., [2001:db8::]/32 EXCEPT 10.0.0.66
                in.ftpd: .example.com : spawn echo %a %d >> /dev/null
                """);
        Files.writeString(dir.resolve("hosts.deny"), "ALL: ALL\n");
        try (HostsAccess access = HostsAccess.builder().directory(dir).build()) {
            assertTrue(access.problems().stream().allMatch(d -> d.level() == Diagnostic.Level.WARNING));
            assertTrue(access.problems().stream().anyMatch(d -> d.message().contains("depends on DNS")),
                    "name patterns are reported as DNS-dependent");
        }
    }

    @Test
    void shadowedRuleIsReportedAsAdvice() throws IOException {
        Files.writeString(dir.resolve("hosts.deny"), "sshd: ALL : deny\nsshd: 10.0.0.1 : allow\n");
        try (HostsAccess access = HostsAccess.builder().directory(dir).missingTables(MissingTables.EMPTY).build()) {
            List<Diagnostic> dead = Shadowing.check(access.rules().allowTable(),
                    access.rules().denyTable());
            assertTrue(dead.stream().anyMatch(d -> d.toString().startsWith(dir.resolve("hosts.deny") + ":2: never reached")),
                    dead.toString());
            assertTrue(access.problems().isEmpty(), "advice only: the files load");
        }
    }

    @Test
    void aTableThatIsADirectoryIsRefusedInStrictModeAndEmptyInLibwrapMode() throws Exception {
        // libwrap opens the directory, its first read fails: an empty table, silently.
        Files.createDirectory(dir.resolve("hosts.deny"));
        Files.writeString(dir.resolve("hosts.allow"), "sshd: 10.0.0.9\n");
        RulesRejectedException refused = assertThrows(RulesRejectedException.class,
                () -> HostsAccess.builder().directory(dir).build());
        assertTrue(refused.getMessage().contains(dir.resolve("hosts.deny") + ":0: is a directory"),
                refused.getMessage());
        try (HostsAccess libwrap = HostsAccess.builder().directory(dir).mode(Mode.LIBWRAP).build()) {
            Decision d = libwrap.checkBlocking(AccessRequest.of("sshd",
                    new InetSocketAddress("10.0.0.1", 4000), new InetSocketAddress("10.0.0.2", 22)),
                    Duration.ofSeconds(5));
            assertTrue(d.granted(), "an empty hosts.deny denies nobody");
            assertEquals(List.of(), d.diagnostics(), "silently");
        }
    }

    @Test
    void missingFilesAreEmptyTablesWhenAsked() {
        try (HostsAccess access = HostsAccess.builder().directory(dir).missingTables(MissingTables.EMPTY).build()) {
            assertTrue(access.problems().isEmpty());
            assertEquals(0, access.rules().ruleCount());
        }
    }
}
