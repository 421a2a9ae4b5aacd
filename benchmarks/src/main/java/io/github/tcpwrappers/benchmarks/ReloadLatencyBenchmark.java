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
import io.github.tcpwrappers.value.Decision;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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
 * Decision latency (sampled, for percentiles) while another thread reloads a 100,000-line
 * hosts.deny back to back: deciders read the snapshot in force and never wait for a load.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReloadLatencyBenchmark {
    /** false: the same decisions with no reloading thread, the machine's own tail for comparison. */
    @Param({"true", "false"})
    boolean reloading;

    private HostsAccess access;
    private AccessRequest absent;
    private AccessRequest listed;
    private final Facts facts = new Facts("sshd", "10.0.0.1", "192.0.2.1", 40000, 22, "1", false);
    private Thread reloader;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong reloads = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() {
        Path dir = RuleFiles.denyList(100_000);
        access = HostsAccess.builder().directory(dir).reloadInterval(Duration.ofHours(1)).build();
        absent = AccessRequest.of("sshd", new InetSocketAddress("10.0.0.1", 40000), new InetSocketAddress("192.0.2.1", 22));
        listed = AccessRequest.of("sshd", new InetSocketAddress(RuleFiles.address(50_000), 40000),
                new InetSocketAddress("192.0.2.1", 22));
        reloader = new Thread(() -> {
            while (!stop.get()) {
                access.reload();
                reloads.incrementAndGet();
            }
        }, "continuous-reload");
        reloader.setDaemon(true);
        if (reloading) {
            reloader.start();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        stop.set(true);
        if (reloading) {
            reloader.join();
        }
        System.out.println("\nreloads completed during the trial: " + reloads.get());
        access.close();
    }

    @Benchmark
    public Decision decideAbsentClientDuringReloads() {
        return access.check(absent).toCompletableFuture().join();
    }

    /** The decision proper: the snapshot in force (a volatile read) evaluated, no request objects built. */
    @Benchmark
    public Outcome evaluateAbsentClientDuringReloads() {
        return RulesInForce.of(access).evaluate(facts);
    }

    @Benchmark
    public Decision decideListedClientDuringReloads() {
        return access.check(listed).toCompletableFuture().join();
    }
}
