/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.evaluation.BannerSource;
import io.github.tcpwrappers.evaluation.Facts;
import io.github.tcpwrappers.evaluation.Outcome;
import io.github.tcpwrappers.evaluation.RuleSet;
import io.github.tcpwrappers.language.ClientPattern;
import io.github.tcpwrappers.language.DaemonPattern;
import io.github.tcpwrappers.language.Hazards;
import io.github.tcpwrappers.language.HostPattern;
import io.github.tcpwrappers.language.InterfaceNames;
import io.github.tcpwrappers.language.PatternList;
import io.github.tcpwrappers.language.Rule;
import io.github.tcpwrappers.language.RuleTable;
import io.github.tcpwrappers.spi.AccountNames;
import io.github.tcpwrappers.spi.NetgroupResolver;
import io.github.tcpwrappers.value.Decision;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arbitrary bytes, huge lines, deep EXCEPT chains and cyclic lists never crash or hang the engine. */
class HostileInputTest {
    private static final AccountNames ACCOUNTS = AccountNames.of(Set.of("nobody"), Set.of("nogroup"));
    private static final HostPattern.HostListSource NO_LISTS = HostPattern.HostList.Missing::new;
    private static final String[] VOCABULARY = {
        "sshd", "ALL", "EXCEPT", "LOCAL", "KNOWN", "UNKNOWN", "PARANOID", ":", ":", ",", " ", "\t", "\n", "\r\n",
        "\\\n", "#", "[", "]", "[::1]", "[2001:db8::]/32", "10.0.0.1", "10.0.0.0/8", "10.", ".example.com", "@",
        "@grp", "alice@", "/etc/nonexistent", "*", "?", "%", "%a", "%n", "%u", "%c", "%h", "%s", "%%",
        "spawn echo ", "twist echo ", "allow", "deny", "setenv X ", "severity ", "auth.info", "banners /tmp",
        "rfc931 3", "umask 022", "nice", "linger 1", "keepalive", "user nobody", "aclexec true", "\\:", "=",
        "22", "4294967318", "\0", "\u00e9", "\u000b", "\f", "255.255.255.255", "0x0a.0.0.1", "/0", "/33",
    };

    @TempDir
    Path dir;

    @Test
    void arbitraryBytesNeverEscapeAsExceptions() {
        Random random = new Random(20261122L);
        Facts[] requests = requests();
        for (int i = 0; i < 4000; i++) {
            String text = i % 2 == 0 ? randomBytes(random) : randomTokens(random);
            RuleTable table = RuleTable.parse("/fuzz/hosts.allow", text, ACCOUNTS, NO_LISTS, InterfaceNames.NONE);
            Hazards.check(table, text);
            RuleSet rules = new RuleSet(table, RuleTable.parse("/fuzz/hosts.deny", text, ACCOUNTS, NO_LISTS, InterfaceNames.NONE),
                    NetgroupResolver.NONE, BannerSource.none());
            for (Facts f : requests) {
                decide(rules, fresh(f));
            }
        }
    }

    @Test
    void aHundredThousandChainedExceptsCostNoStack() {
        StringBuilder list = new StringBuilder("ALL");
        for (int i = 0; i < 100_000; i++) {
            list.append(" EXCEPT ALL");
        }
        for (int extra = 0; extra < 2; extra++) {
            String clients = list + (extra == 1 ? " EXCEPT ALL" : "");
            Rule rule = new Rule(1, 1, PatternList.parse("sshd", t -> DaemonPattern.parse(t, NO_LISTS, InterfaceNames.NONE)),
                    PatternList.parse(clients, t -> ClientPattern.parse(t, NO_LISTS, InterfaceNames.NONE)), Optional.empty(), "");
            RuleTable deny = new RuleTable("/deny", Optional.empty(), List.of(new RuleTable.RuleEntry(rule)));
            RuleSet rules = new RuleSet(RuleTable.missing("/allow"), deny, NetgroupResolver.NONE, BannerSource.none());
            Decision d = decide(rules, new Facts("sshd", "10.0.0.1", "unknown", -1, -1, "1", false));
            // ALL EXCEPT (ALL EXCEPT (...)): an even number of EXCEPTs matches, an odd one does not.
            assertEquals(extra == 1, d.granted(), "EXCEPT chain parity");
        }
    }

    @Test
    void aTenMegabyteLineIsRefusedInStrictModeAndDeniesFromHostsDenyInLibwrapMode() throws IOException {
        byte[] line = new byte[10 << 20];
        Arrays.fill(line, (byte) 'x');
        System.arraycopy("ALL: ".getBytes(StandardCharsets.US_ASCII), 0, line, 0, 5);
        Files.write(dir.resolve("hosts.deny"), line);
        RulesRejectedException refused = assertThrows(RulesRejectedException.class,
                () -> HostsAccess.builder().directory(dir).build());
        assertTrue(refused.getMessage().contains(dir.resolve("hosts.deny") + ":1: missing newline or line too long"));
        try (HostsAccess access = HostsAccess.builder().directory(dir).mode(Mode.LIBWRAP).build()) {
            Decision d = access.checkBlocking(request("10.0.0.1"), Duration.ofSeconds(5));
            assertTrue(d.denied(), "libwrap denies when hosts.deny is in error");
            assertEquals(2, d.diagnostics().size());
        } catch (TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void listsThatIncludeEachOtherAreRefusedOrMatchNothing() throws Exception {
        Files.writeString(dir.resolve("a"), "10.9.9.9 " + dir.resolve("b") + "\n");
        Files.writeString(dir.resolve("b"), dir.resolve("a") + " 10.8.8.8\n");
        Files.writeString(dir.resolve("hosts.deny"), "sshd: " + dir.resolve("a") + "\n");
        RulesRejectedException refused = assertThrows(RulesRejectedException.class,
                () -> HostsAccess.builder().directory(dir).build());
        assertTrue(refused.getMessage().contains("includes itself"), refused.getMessage());
        try (HostsAccess access = HostsAccess.builder().directory(dir).mode(Mode.LIBWRAP).build()) {
            assertTrue(access.checkBlocking(request("10.0.0.1"), Duration.ofSeconds(5)).granted());
            assertTrue(access.checkBlocking(request("10.8.8.8"), Duration.ofSeconds(5)).denied(),
                    "words after the cyclic reference still count");
        }
    }

    @Test
    void aChainOfThousandsOfNestedListsIsBounded() throws Exception {
        denyThroughChain(5000);
        RulesRejectedException refused = assertThrows(RulesRejectedException.class,
                () -> HostsAccess.builder().directory(dir).build());
        assertTrue(refused.getMessage().contains("nested more than"), refused.getMessage());
        try (HostsAccess access = HostsAccess.builder().directory(dir).mode(Mode.LIBWRAP).build()) {
            assertFalse(access.checkBlocking(request("10.0.0.1"), Duration.ofSeconds(5)).denied());
        }
    }

    @Test
    void aChainOfAThousandListsIsFollowedAsLibwrapFollowsIt() throws Exception {
        // libwrap follows 1,000 nested lists (and crashes before 1,024): so do we, in both modes,
        // deciding on a thread with half the JVM's default stack.
        denyThroughChain(1000);
        for (Mode mode : Mode.values()) {
            try (HostsAccess access = HostsAccess.builder().directory(dir).mode(mode).build()) {
                Decision[] decided = new Decision[2];
                Thread small = new Thread(null, () -> {
                    try {
                        decided[0] = access.checkBlocking(request("10.0.0.1"), Duration.ofSeconds(5));
                        decided[1] = access.checkBlocking(request("10.0.0.2"), Duration.ofSeconds(5));
                    } catch (TimeoutException e) {
                        throw new AssertionError(e);
                    }
                }, "small-stack", 512 * 1024);
                small.start();
                small.join();
                assertTrue(decided[0].denied(), mode + ": the address at the end of the chain");
                assertFalse(decided[1].denied(), mode.toString());
            }
        }
    }

    /** hosts.deny names l0, which names l1, ... down to the list holding 10.0.0.1. */
    private void denyThroughChain(int depth) throws IOException {
        for (int i = 0; i < depth; i++) {
            Files.writeString(dir.resolve("l" + i), (i + 1 < depth ? dir.resolve("l" + (i + 1)).toString() : "10.0.0.1") + "\n");
        }
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), "sshd: " + dir.resolve("l0") + "\n");
    }

    private static AccessRequest request(String client) {
        return AccessRequest.of("sshd", new InetSocketAddress(client, 40000), new InetSocketAddress("127.0.0.1", 22));
    }

    private static Decision decide(RuleSet rules, Facts facts) {
        for (int round = 0; round < 10; round++) {
            Outcome o = rules.evaluate(facts);
            if (o instanceof Outcome.Decided d) {
                return d.decision();
            }
            if (o instanceof Outcome.NeedsClientName) {
                facts.clientName("host.example.com");
            } else if (o instanceof Outcome.NeedsServerName) {
                facts.serverName("unknown");
            } else if (o instanceof Outcome.NeedsUser) {
                facts.user("alice;rm -rf /");
            } else if (o instanceof Outcome.NeedsAclexec a) {
                facts.aclexecResult(a.command().commandLine(), 1);
            }
        }
        throw new AssertionError("no decision");
    }

    private static Facts[] requests() {
        return new Facts[] {
            new Facts("sshd", "10.0.0.1", "192.0.2.1", 40000, 22, "7", true),
            new Facts("in.ftpd", "2001:db8::1", "unknown", -1, 21, "7", true),
            new Facts("", "unknown", "unknown", -1, -1, "7", true),
        };
    }

    private static Facts fresh(Facts f) {
        return new Facts(f.daemon(), f.clientAddress(), f.serverAddress(), f.clientPort(), f.serverPort(), "7", true);
    }

    private static String randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(400)];
        random.nextBytes(bytes);
        for (int i = 0; i < bytes.length; i++) {
            if (random.nextInt(6) == 0) {
                String specials = ":\n, @/[]%\\#";
                bytes[i] = (byte) specials.charAt(random.nextInt(specials.length()));
            }
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String randomTokens(Random random) {
        StringBuilder out = new StringBuilder();
        int n = random.nextInt(60);
        for (int i = 0; i < n; i++) {
            out.append(VOCABULARY[random.nextInt(VOCABULARY.length)]);
            if (random.nextInt(3) == 0) {
                out.append(' ');
            }
        }
        if (random.nextInt(4) != 0) {
            out.append('\n');
        }
        return new String(out.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
