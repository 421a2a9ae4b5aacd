/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.RulesInForce;
import io.github.tcpwrappers.MemoryListSource;
import io.github.tcpwrappers.evaluation.Facts;
import io.github.tcpwrappers.evaluation.Outcome;
import io.github.tcpwrappers.evaluation.RuleSet;
import io.github.tcpwrappers.lists.LiveList;
import io.github.tcpwrappers.value.ListEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A decision against a bound list of {@code entries} IPv4 addresses: the list alone
 * ({@code list*}: text address to verdict, expiry included) and the compiled rules
 * {@code ALL : /etc/hosts.ban} bound to it ({@code evaluate*}), for a client on the list and one
 * absent. With {@code levels=true} the list also holds an overlay (one delta of 1,000 entries)
 * and a newest level (100 single bans) over its base, as a live list between folds does, so a
 * decision probes every level. Run with {@code -prof gc} for B/op.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ListDecisionBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = "-Xmx3g")
public class ListDecisionBenchmark {
    @Param({"10", "1000", "100000", "1000000"})
    int entries;

    @Param({"false", "true"})
    boolean levels;

    private LiveList list;
    private HostsAccess access;
    private RuleSet rules;
    private String present;
    private Facts absentFacts;
    private Facts presentFacts;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        list = new LiveList(Path.of("/etc/hosts.ban"), MemoryListSource.named("bench"), Clock.systemUTC(),
                entries * 2 + 2_000, change -> { }, false);
        list.replace(ListEntries.ipv4(entries, 1));
        if (levels) {
            list.update(ListEntries.ipv4(entries, 1000, 2), List.of());
            for (ListEntry e : ListEntries.ipv4(entries + 1000, 100, 3)) {
                list.update(List.of(e), List.of());
            }
        }
        present = ListEntries.ipv4Address(entries / 2);

        Path ban = RuleFiles.banListRules("list-bench");
        MemoryListSource source = MemoryListSource.named("bench");
        source.replace(ListEntries.ipv4(entries, 1));
        access = HostsAccess.builder().directory(ban.getParent()).bindList(ban, source).build();
        rules = RulesInForce.of(access);
        absentFacts = new Facts("sshd", "10.0.0.1", "192.0.2.1", 40000, 22, "1", false);
        presentFacts = new Facts("sshd", present, "192.0.2.1", 40000, 22, "1", false);
        if (list.contains("10.0.0.1") || !list.contains(present)
                || levels && !list.contains(ListEntries.ipv4Address(entries + 1099))) {
            throw new IllegalStateException("the list does not hold what it should");
        }
        if (!(rules.evaluate(presentFacts) instanceof Outcome.Decided d) || d.decision().granted()) {
            throw new IllegalStateException("the bound rule does not deny a listed client");
        }
    }

    @TearDown
    public void tearDown() {
        access.close();
    }

    @Benchmark
    public boolean listAbsent() {
        return list.contains("10.0.0.1");
    }

    @Benchmark
    public boolean listPresent() {
        return list.contains(present);
    }

    @Benchmark
    public Outcome evaluateAbsent() {
        return rules.evaluate(absentFacts);
    }

    @Benchmark
    public Outcome evaluatePresent() {
        return rules.evaluate(presentFacts);
    }
}
