/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.tcpwrappers.evaluation.BannerSource;
import io.github.tcpwrappers.evaluation.RuleSet;
import io.github.tcpwrappers.language.InterfaceNames;
import io.github.tcpwrappers.language.RuleTable;
import io.github.tcpwrappers.spi.NetgroupResolver;
import io.github.tcpwrappers.value.Decision;

/**
 * Random rules against random requests: evaluation never throws, never asks for the same fact
 * twice (so it always ends), names a real line when a rule decided, and decides the same way
 * again on the same facts.
 */
class EvaluatorFuzzTest {
    private static final BannerSource BANNERS = (directory, daemon) -> directory.equals("/fuzz/banners")
            ? new BannerSource.Text("hello %d from %a\n%u\n")
            : new BannerSource.NoDirectory("No such file or directory");
    private static final NetgroupResolver NETGROUPS = (group, host) -> group.equals("grp") && host.endsWith(".example.com");

    @FuzzTest(maxDuration = "60s")
    @DictionaryFile(resourcePath = "hosts_access.dict")
    void everyRequestGetsOneConsistentDecision(FuzzedDataProvider data) {
        FuzzInput.Request request = FuzzInput.request(data);
        String[] files = FuzzInput.split(FuzzInput.latin1(data.consumeRemainingAsBytes()), 2);
        RuleSet rules = new RuleSet(
                RuleTable.parse("/fuzz/hosts.allow", files[0], FuzzInput.ACCOUNTS, FuzzTables::list, InterfaceNames.NONE),
                RuleTable.parse("/fuzz/hosts.deny", files[1], FuzzInput.ACCOUNTS, FuzzTables::list, InterfaceNames.NONE),
                NETGROUPS, BANNERS);

        Decision decision = FuzzInput.decide(rules, request);

        decision.rule().ifPresent(at -> assertTrue(
                at.line() >= 1 && (at.file().equals("/fuzz/hosts.allow") || at.file().equals("/fuzz/hosts.deny")),
                () -> "the deciding rule is a line of one of the tables: " + at));
        decision.diagnostics().forEach(d -> assertTrue(!d.message().isEmpty(), "every diagnostic says something"));
        assertEquals(decision, FuzzInput.decide(rules, request), "the same facts decide the same way");
    }
}
