/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import io.github.tcpwrappers.evaluation.RuleSet;
import io.github.tcpwrappers.files.FileAccess;
import io.github.tcpwrappers.files.RuleLoader;
import io.github.tcpwrappers.spi.AccountNames;
import io.github.tcpwrappers.spi.NetgroupResolver;
import java.nio.file.Path;
import java.util.Set;
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
import org.openjdk.jmh.annotations.Warmup;

/** Reading, parsing and compiling a hosts.deny of {@code rules} single-address lines. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 15)
@Fork(1)
public class CoreLoadBenchmark {
    @Param({"100000", "1000000"})
    int rules;

    private Path dir;
    private RuleLoader loader;

    @Setup(Level.Trial)
    public void setUp() {
        dir = RuleFiles.denyList(rules);
        loader = new RuleLoader(FileAccess.system(), AccountNames.of(Set.of(), Set.of()), NetgroupResolver.NONE);
    }

    @Benchmark
    public RuleSet parseAndCompile() {
        return loader.load(dir.resolve("hosts.allow"), dir.resolve("hosts.deny")).rules();
    }
}
