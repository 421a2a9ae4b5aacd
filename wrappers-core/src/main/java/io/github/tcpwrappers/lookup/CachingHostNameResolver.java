/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.lookup;

import io.github.tcpwrappers.effects.Deadlines;
import io.github.tcpwrappers.spi.HostNameResolver;
import io.github.tcpwrappers.value.Durations;
import io.github.tcpwrappers.value.HostName;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Remembers what another {@link HostNameResolver} answered. Verified names live for the TTL;
 * unknown and paranoid answers (failures, which may be transient) only for the shorter failure
 * TTL. Concurrent requests for one address while its lookup is in flight share that lookup.
 * At most {@code maxEntries} addresses are kept; beyond that expired entries go first, then
 * arbitrary ones.
 *
 * <p>A delegate that never answers does not pin callers: after the lookup timeout the shared
 * lookup counts as unknown.
 *
 * <pre>{@code
 * HostNameResolver names = CachingHostNameResolver.builder(JdkHostNameResolver.system())
 *     .ttl(Duration.ofMinutes(5))
 *     .maxEntries(50_000)
 *     .build();
 * }</pre>
 */
public final class CachingHostNameResolver implements HostNameResolver {
    private final HostNameResolver delegate;
    private final long ttlNanos;
    private final long failureTtlNanos;
    private final long lookupTimeoutNanos;
    private final int maxEntries;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<InetAddress, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicBoolean trimming = new AtomicBoolean();
    /** Its own timer (its thread ends when idle): the JDK's would lock on the caller's thread. */
    private final Deadlines deadlines = Deadlines.create("name-cache");

    /** A cache entry: an answer with its expiry, or a lookup still under way. */
    private sealed interface Entry {
    }

    private record Answer(HostName name, long expiresAt) implements Entry {
    }

    private record InFlight(CompletableFuture<HostName> lookup) implements Entry {
    }

    private CachingHostNameResolver(Builder b) {
        this.delegate = b.delegate;
        this.ttlNanos = b.ttl.toNanos();
        this.failureTtlNanos = b.failureTtl.toNanos();
        this.lookupTimeoutNanos = b.lookupTimeout.toNanos();
        this.maxEntries = b.maxEntries;
        this.nanoTime = b.nanoTime;
    }

    /** Caches {@code delegate} with the defaults: 60 s TTL, 5 s for failures, 10 000 entries. */
    public static CachingHostNameResolver of(HostNameResolver delegate) {
        return builder(delegate).build();
    }

    /** A builder caching {@code delegate}. */
    public static Builder builder(HostNameResolver delegate) {
        return new Builder(delegate);
    }

    @Override
    public CompletionStage<HostName> verifiedName(InetAddress address) {
        Objects.requireNonNull(address, "address");
        Entry entry = entries.get(address);
        long now = nanoTime.getAsLong();
        if (entry instanceof Answer answer && now - answer.expiresAt() < 0) {
            return CompletableFuture.completedFuture(answer.name());
        }
        if (entry instanceof InFlight inFlight) {
            return inFlight.lookup().copy();
        }
        return start(address, entry, now);
    }

    private CompletionStage<HostName> start(InetAddress address, Entry seen, long now) {
        InFlight mine = new InFlight(new CompletableFuture<>());
        Entry current = seen;
        while (true) {
            boolean claimed = current == null ? entries.putIfAbsent(address, mine) == null
                    : entries.replace(address, current, mine);
            if (claimed) {
                break;
            }
            current = entries.get(address);
            if (current instanceof Answer answer && now - answer.expiresAt() < 0) {
                return CompletableFuture.completedFuture(answer.name());
            }
            if (current instanceof InFlight other) {
                return other.lookup().copy();
            }
        }
        trimIfFull(address);
        CompletableFuture<HostName> lookup = new CompletableFuture<>();
        deadlines.orElse(lookup, Duration.ofNanos(lookupTimeoutNanos), HostName.unknown());
        // Store before the callers continue, so that what they trigger next finds the answer.
        lookup.whenComplete((name, failure) -> {
            long ttl = name instanceof HostName.Verified ? ttlNanos : failureTtlNanos;
            entries.replace(address, mine, new Answer(name, nanoTime.getAsLong() + ttl));
            mine.lookup().complete(name);
        });
        CompletionStage<HostName> asked;
        try {
            asked = delegate.verifiedName(address);
        } catch (RuntimeException | Error e) {
            // The lookup fails (unknown) and its waiters are answered; the in-flight entry never sticks.
            asked = CompletableFuture.failedFuture(e);
        }
        asked.whenComplete((name, failure) -> lookup.complete(failure == null && name != null ? name : HostName.unknown()));
        return mine.lookup().copy();
    }

    /** Bounds the map: expired answers go first, then whatever the iteration meets but the newcomer. */
    private void trimIfFull(InetAddress newcomer) {
        if (entries.size() <= maxEntries || !trimming.compareAndSet(false, true)) {
            return;
        }
        try {
            long now = nanoTime.getAsLong();
            entries.values().removeIf(e -> e instanceof Answer a && now - a.expiresAt() >= 0);
            // Leave some room so that a full cache is not swept on every miss.
            int target = maxEntries - maxEntries / 8;
            Iterator<Map.Entry<InetAddress, Entry>> it = entries.entrySet().iterator();
            while (entries.size() > target && it.hasNext()) {
                if (!it.next().getKey().equals(newcomer)) {
                    it.remove();
                }
            }
        } finally {
            trimming.set(false);
        }
    }

    /** Addresses held now, answered or in flight (for tests and metrics). */
    int size() {
        return entries.size();
    }

    /** Configures a {@link CachingHostNameResolver}. */
    public static final class Builder {
        private final HostNameResolver delegate;
        private Duration ttl = Duration.ofSeconds(60);
        private Duration failureTtl = Duration.ofSeconds(5);
        private Duration lookupTimeout = Duration.ofSeconds(30);
        private int maxEntries = 10_000;
        private LongSupplier nanoTime = System::nanoTime;

        private Builder(HostNameResolver delegate) {
            this.delegate = Objects.requireNonNull(delegate, "delegate");
        }

        /** How long a verified name is reused (default 60 s). */
        public Builder ttl(Duration ttl) {
            this.ttl = Durations.positive("ttl", ttl);
            return this;
        }

        /** How long an unknown or paranoid answer is reused (default 5 s). */
        public Builder failureTtl(Duration ttl) {
            this.failureTtl = Durations.positive("failure ttl", ttl);
            return this;
        }

        /**
         * After this long a lookup the delegate has not answered counts as unknown (default
         * 30 s, a guard against delegates without their own timeout).
         */
        public Builder lookupTimeout(Duration timeout) {
            this.lookupTimeout = Durations.positive("lookup timeout", timeout);
            return this;
        }

        /** The most addresses kept (default 10 000). */
        public Builder maxEntries(int maxEntries) {
            if (maxEntries < 1) {
                throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
            }
            this.maxEntries = maxEntries;
            return this;
        }

        /** The time source for expiry, in nanoseconds like {@link System#nanoTime()}. */
        public Builder nanoTime(LongSupplier nanoTime) {
            this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
            return this;
        }

        /** Builds the cache. */
        public CachingHostNameResolver build() {
            return new CachingHostNameResolver(this);
        }
    }
}
