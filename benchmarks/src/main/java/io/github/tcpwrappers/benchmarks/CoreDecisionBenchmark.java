/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.RulesInForce;
import io.github.tcpwrappers.evaluation.Facts;
import io.github.tcpwrappers.evaluation.Outcome;
import io.github.tcpwrappers.evaluation.RuleSet;
import java.net.InetSocketAddress;
import java.nio.file.Path;
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
 * One decision against a hosts.deny of {@code rules} single-address lines. {@code evaluate}:
 * the compiled rule set alone, for a client absent from the file (the common case for a
 * blocklist) and for one present in it; {@code check}: the public API end to end, request to
 * completed stage.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CoreDecisionBenchmark {
    @Param({"10", "1000", "100000"})
    int rules;

    private HostsAccess access;
    private RuleSet ruleSet;
    private Facts absent;
    private Facts present;
    private AccessRequest absentRequest;

    @Setup(Level.Trial)
    public void setUp() {
        Path dir = RuleFiles.denyList(rules);
        access = HostsAccess.builder().directory(dir).build();
        ruleSet = RulesInForce.of(access);
        absent = new Facts("sshd", "10.0.0.1", "192.0.2.1", 40000, 22, "1", false);
        present = new Facts("sshd", RuleFiles.address(rules / 2), "192.0.2.1", 40000, 22, "1", false);
        absentRequest = AccessRequest.of("sshd", new InetSocketAddress("10.0.0.1", 40000),
                new InetSocketAddress("192.0.2.1", 22));
    }

    @TearDown
    public void tearDown() {
        access.close();
    }

    /** Client absent from the file: the figure the targets are about. */
    @Benchmark
    public Outcome evaluateClientAbsent() {
        return ruleSet.evaluate(absent);
    }

    /** Client listed in the middle of the file: denied by its rule. */
    @Benchmark
    public Outcome evaluateClientListed() {
        return ruleSet.evaluate(present);
    }

    /** The public API: request in, completed decision out. */
    @Benchmark
    public Object checkClientAbsent() {
        return access.check(absentRequest);
    }
}
