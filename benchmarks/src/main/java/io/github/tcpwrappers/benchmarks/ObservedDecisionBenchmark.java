/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.micrometer.HostsAccessMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
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
 * What watching the engine costs per decision, each way against {@code off} in one run: the
 * Micrometer meters ({@code metrics}, a SimpleMeterRegistry), a JFR recording of the engine's
 * events ({@code jfr}, threshold 0: every decision recorded), and shadow tables ({@code shadow},
 * a copy of the real ones, so every request is decided twice and none differs). The tables are
 * a hosts.deny of 1,000 single-address lines; {@code checkAbsent} is a client no rule names
 * (granted), {@code checkListed} one the deny list names. Log lines are off, as in
 * CoreDecisionBenchmark (no SLF4J backend on the class path: a line costs its level check), so the figures are the engine's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ObservedDecisionBenchmark {
    @Param({"off", "metrics", "jfr", "shadow"})
    String observe;

    private HostsAccess access;
    private Recording recording;
    private AccessRequest absent;
    private AccessRequest listed;

    @Setup(Level.Trial)
    public void setUp() {
        Path dir = RuleFiles.denyList(1000);
        HostsAccess.Builder builder = HostsAccess.builder().directory(dir);
        switch (observe) {
            case "off" -> access = builder.build();
            case "metrics" -> {
                HostsAccessMetrics metrics = HostsAccessMetrics.create(builder);
                metrics.bindTo(new SimpleMeterRegistry());
                access = metrics.engine();
            }
            case "jfr" -> {
                recording = new Recording();
                for (String event : new String[] {"io.github.tcpwrappers.Decision", "io.github.tcpwrappers.Reload",
                        "io.github.tcpwrappers.Command"}) {
                    recording.enable(event).withThreshold(Duration.ZERO);
                }
                recording.start();
                access = builder.build();
            }
            case "shadow" -> access = builder.shadowDirectory(RuleFiles.denyList(1000)).build();
            default -> throw new IllegalArgumentException(observe);
        }
        absent = AccessRequest.of("sshd", new InetSocketAddress("10.0.0.1", 40000), new InetSocketAddress("192.0.2.1", 22));
        listed = AccessRequest.of("sshd", new InetSocketAddress(RuleFiles.address(500), 40000),
                new InetSocketAddress("192.0.2.1", 22));
    }

    @TearDown
    public void tearDown() {
        access.close();
        if (recording != null) {
            recording.close();
        }
    }

    @Benchmark
    public Object checkAbsent() {
        return access.check(absent);
    }

    @Benchmark
    public Object checkListed() {
        return access.check(listed);
    }
}
