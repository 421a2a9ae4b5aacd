/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import io.github.tcpwrappers.files.FileAccess;
import io.github.tcpwrappers.files.RuleLoader;
import io.github.tcpwrappers.spi.AccountNames;
import io.github.tcpwrappers.spi.NetgroupResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

/**
 * One line appended (O_APPEND) to a hosts.deny of {@code rules} single-address lines, then the
 * next snapshot: {@code append} through {@link RuleLoader#appended} (old bytes verified by their
 * CRC-32C, new lines parsed and checked, structures shared), {@code fullLoad} as before issue 21
 * (read, parse and compile everything). Each invocation appends another line first, so the
 * file grows by one line per invocation; {@code append} always grows the first load, so its
 * tail is the lines appended so far (a few hundred at most, as a poll after a burst of bans).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CoreAppendBenchmark {
    @Param({"1000000"})
    int rules;

    private Path allow;
    private Path deny;
    private RuleLoader loader;
    private RuleLoader.Loaded loaded;
    private int appended;

    @Setup(Level.Trial)
    public void setUp() {
        Path dir = RuleFiles.denyList(rules);
        allow = dir.resolve("hosts.allow");
        deny = dir.resolve("hosts.deny");
        loader = new RuleLoader(FileAccess.system(), AccountNames.of(Set.of(), Set.of()), NetgroupResolver.NONE);
        loaded = loader.load(allow, deny);
    }

    @Setup(Level.Invocation)
    public void appendLine() throws IOException {
        int n = appended++;
        Files.write(deny, ("sshd: 198.18." + ((n >> 8) & 0xFF) + "." + (n & 0xFF) + "\n")
                .getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
    }

    @Benchmark
    public RuleLoader.Loaded append() {
        return loader.appended(loaded, Set.of(deny)).orElseThrow();
    }

    @Benchmark
    public RuleLoader.Loaded fullLoad() {
        return loader.load(allow, deny);
    }
}
