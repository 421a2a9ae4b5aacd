/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.language.HostPattern;
import io.github.tcpwrappers.language.InterfaceNames;
import io.github.tcpwrappers.language.RuleTable;
import io.github.tcpwrappers.language.TableEntries;
import io.github.tcpwrappers.spi.AccountNames;
import io.github.tcpwrappers.spi.NetgroupResolver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential: a table held compactly (address index, shared shapes, appended segments) decides
 * every request exactly as the same rules held as plain parsed entries (the engine before issue
 * 21: every rule an object, exact-address rules in a map by text, the rest scanned).
 */
class CompactDecisionTest {
    private static final AccountNames ACCOUNTS = AccountNames.of(Set.of("nobody"), Set.of("nogroup"));
    private static final HostPattern.HostListSource NO_LISTS = HostPattern.HostList.Missing::new;
    private static final BannerSource NO_BANNERS = (directory, daemon) -> new BannerSource.NoDirectory("none");
    private static final String[] ADDRESSES = {"10.0.0.1", "10.0.0.2", "10.0.0.3", "192.0.2.7", "203.0.113.9", "0.0.0.0",
        "255.255.255.255"};
    private static final String[] FORMS = {
        "sshd: A", "ALL: A", "ALL:A", "sshd, ftpd :\tA", "sshd: A : deny", "ftpd: A : allow", "sshd: A: severity auth.info",
        "sshd: A B", "sshd: A EXCEPT B", "ALL EXCEPT ftpd: A", "sshd: 10.0.0.0/255.255.255.0", "sshd: 10.0.0.",
        "sshd: .example.org", "sshd: A # banned", "sshd@127.0.0.1: A", "sshd: 0A", "22: A", "# A", "", "sshd: A \\\n B",
        "  # indented", "sshd: A : spawn echo %a", "sshd: A\r", "sshd: [::1]", "sshd: A : twist echo no",
    };

    static IntStream seeds() {
        return IntStream.range(0, 40);
    }

    private static String table(Random random, int lines) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            // Mostly blocklist lines, as the files this is for; a mix of everything else.
            String form = random.nextInt(3) == 0 ? FORMS[random.nextInt(FORMS.length)] : FORMS[random.nextInt(2)];
            text.append(form.replace("A", ADDRESSES[random.nextInt(ADDRESSES.length)])
                    .replace("B", ADDRESSES[random.nextInt(ADDRESSES.length)])).append('\n');
        }
        return text.toString();
    }

    private static RuleTable plain(RuleTable compact) {
        return new RuleTable(compact.path(), Optional.empty(), new ArrayList<>(compact.entries()));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void compactAndPlainTablesDecideAlike(int seed) {
        Random random = new Random(seed);
        String allowText = table(random, 1 + random.nextInt(8));
        String denyText = table(random, 1 + random.nextInt(40));
        RuleTable allow = RuleTable.parse("/allow", allowText, ACCOUNTS, NO_LISTS, InterfaceNames.NONE);
        RuleTable deny = RuleTable.parse("/deny", denyText, ACCOUNTS, NO_LISTS, InterfaceNames.NONE);
        // Half the seeds grow hosts.deny by appends, a few lines at a time.
        if (seed % 2 == 1) {
            deny = RuleTable.parse("/deny", "", ACCOUNTS, NO_LISTS, InterfaceNames.NONE);
            int at = 0;
            while (at < denyText.length()) {
                int end = Math.min(denyText.length(), at + 1 + random.nextInt(60));
                deny = deny.append(denyText.substring((int) deny.consumed(), end).getBytes(StandardCharsets.ISO_8859_1),
                        ACCOUNTS, NO_LISTS, InterfaceNames.NONE).orElseThrow();
                at = end;
            }
            assertEquals(denyText.length(), deny.consumed());
        }
        RuleSet compact = new RuleSet(allow, deny, NetgroupResolver.NONE, NO_BANNERS);
        RuleSet reference = new RuleSet(plain(allow), plain(deny), NetgroupResolver.NONE, NO_BANNERS);
        assertEquals(reference.allowTable().entries(), compact.allowTable().entries());
        assertEquals(reference.denyTable().entries(), compact.denyTable().entries());
        assertEquals(reference.ruleCount(), compact.ruleCount());
        List<String> clients = new ArrayList<>(List.of(ADDRESSES));
        clients.addAll(List.of("10.0.0.9", "::ffff:10.0.0.1", "::FFFF:10.0.0.2", "010.0.0.1", "::1", "unknown", "10.0.0.1 "));
        for (String client : clients) {
            for (String daemon : List.of("sshd", "ftpd", "in.telnetd")) {
                Facts facts = new Facts(daemon, client, "127.0.0.1", 40000, 22, "1", false);
                assertEquals(reference.evaluate(facts), compact.evaluate(facts), () -> daemon + " from " + client
                        + "\nhosts.allow:\n" + allowText + "hosts.deny:\n" + denyText);
                Facts named = new Facts(daemon, client, "127.0.0.1", 40000, 22, "1", false).clientName("host.example.org");
                assertEquals(reference.evaluate(named), compact.evaluate(named));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void moreShapesThanAreKeptStillDecideAlike(int seed) {
        // Every line a shape of its own (a different daemon): past the shapes kept, lines are
        // parsed in full; the decisions do not change.
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            text.append("d").append(i).append(": 10.").append(seed).append('.').append(i >> 8).append('.')
                    .append(i & 0xFF).append('\n');
        }
        RuleTable deny = RuleTable.parse("/deny", text.toString(), ACCOUNTS, NO_LISTS, InterfaceNames.NONE);
        TableEntries.Segment segment = deny.compactEntries().segments().get(0);
        assertTrue(segment.compact(0) && !segment.compact(4999), "the first lines compact, the last not");
        RuleSet compact = new RuleSet(RuleTable.missing("/allow"), deny, NetgroupResolver.NONE, NO_BANNERS);
        RuleSet reference = new RuleSet(RuleTable.missing("/allow"), plain(deny), NetgroupResolver.NONE, NO_BANNERS);
        for (int i : new int[] {0, 1, 4095, 4096, 4999}) {
            Facts facts = new Facts("d" + i, "10." + seed + "." + (i >> 8) + "." + (i & 0xFF), "127.0.0.1", 40000, 22,
                    "1", false);
            assertEquals(reference.evaluate(facts), compact.evaluate(facts));
            assertTrue(compact.evaluate(facts) instanceof Outcome.Decided d && d.decision().denied());
        }
    }
}
