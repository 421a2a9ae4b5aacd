/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.lookup.CachingHostNameResolver;
import io.github.tcpwrappers.lookup.JdkHostNameResolver;
import io.github.tcpwrappers.value.Decision;
import io.github.tcpwrappers.value.HostName;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a cached client name adds to a decision: {@code sshd: KNOWN} (needs the verified name,
 * answered from a warm {@link CachingHostNameResolver} over the system resolver) against
 * {@code sshd: 127.0.0.1} (needs no name). Target: at most 1 µs more.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class LookupsBenchmark {
    private final AccessRequest request = AccessRequest.of("sshd", new InetSocketAddress("127.0.0.1", 40000),
            new InetSocketAddress("127.0.0.1", 22));
    private Path dir;
    private JdkHostNameResolver system;
    private CachingHostNameResolver cache;
    private HostsAccess byName;
    private HostsAccess byAddress;
    private InetAddress client;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("lookups-bench");
        system = JdkHostNameResolver.system();
        // TTLs longer than the run: every measured lookup is a hit.
        cache = CachingHostNameResolver.builder(system).ttl(Duration.ofHours(1)).failureTtl(Duration.ofHours(1)).build();
        client = request.client().orElseThrow().getAddress();
        HostName warm = cache.verifiedName(client).toCompletableFuture().get(10, TimeUnit.SECONDS);
        if (!(warm instanceof HostName.Verified)) {
            throw new IllegalStateException("127.0.0.1 has no verified name on this host (/etc/hosts?): " + warm);
        }
        byName = access("name", "sshd: KNOWN\n");
        byAddress = access("address", "sshd: 127.0.0.1\n");
        if (!decideByName().granted() || !decideByAddress().granted()) {
            throw new IllegalStateException("the benchmark rules do not grant 127.0.0.1");
        }
    }

    private HostsAccess access(String name, String allow) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.writeString(d.resolve("hosts.allow"), allow);
        Files.writeString(d.resolve("hosts.deny"), "ALL: ALL\n");
        return HostsAccess.builder().directory(d).hostNameResolver(cache).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        byName.close();
        byAddress.close();
        system.close();
        for (String name : new String[] {"name", "address"}) {
            Files.deleteIfExists(dir.resolve(name).resolve("hosts.allow"));
            Files.deleteIfExists(dir.resolve(name).resolve("hosts.deny"));
            Files.deleteIfExists(dir.resolve(name));
        }
        Files.deleteIfExists(dir);
    }

    /** A decision that needs the client's name, answered from the cache. */
    @Benchmark
    public Decision decideByName() {
        return byName.check(request).toCompletableFuture().join();
    }

    /** A decision that needs no name. */
    @Benchmark
    public Decision decideByAddress() {
        return byAddress.check(request).toCompletableFuture().join();
    }

    /** The cache hit alone. */
    @Benchmark
    public HostName cacheHit() {
        return cache.verifiedName(client).toCompletableFuture().join();
    }
}
