/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Decisions remembered per connection, as tcpd decides once per connection: a door that sees
 * many requests on one connection (the calls of an HTTP/2 connection) decides the first for each
 * daemon name, with its logging and its {@code spawn} and {@code twist}, and answers the rest
 * from it until the rules reload ({@link HostsAccess#generation()}) or a verdict change arrives
 * ({@link HostsAccess#verdictChanges()}); the next request then decides again. A result that is
 * not {@code lasting} (a failure, a timeout) is not remembered. Thread-safe.
 *
 * <pre>{@code
 * ConnectionDecisions<Verdict> decisions = ConnectionDecisions.of(access, 4096, Verdict::lasting);
 * CompletableFuture<Verdict> verdict = decisions.connection(transportAttributes)
 *         .verdict("greeter", transportAttributes, Door::decide);   // Door::decide(String, Attributes)
 * }</pre>
 *
 * @param <V> what the door makes of a decision
 */
public final class ConnectionDecisions<V> {
    private final HostsAccess access;
    private final int maxConnections;
    private final Predicate<V> lasting;
    /** Connections known by the door's key, by identity, for doors with no hook on a connection's end. */
    private final ConcurrentHashMap<Key, Connection<V>> known = new ConcurrentHashMap<>();

    private ConnectionDecisions(HostsAccess access, int maxConnections, Predicate<V> lasting) {
        this.access = Objects.requireNonNull(access, "access");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
        }
        this.maxConnections = maxConnections;
        this.lasting = Objects.requireNonNull(lasting, "lasting");
    }

    /**
     * Decisions of {@code access}'s connections; {@link #connection(Object)} remembers at most
     * {@code maxConnections} (past that, arbitrary ones are forgotten and decided again).
     *
     * @param <V> what the door makes of a decision
     * @param access the engine that decides
     * @param maxConnections how many connections to remember, at least 1
     * @param lasting whether a result may be remembered (false for failures and timeouts)
     * @return decisions of {@code access}'s connections
     */
    public static <V> ConnectionDecisions<V> of(HostsAccess access, int maxConnections, Predicate<V> lasting) {
        return new ConnectionDecisions<>(access, maxConnections, lasting);
    }

    /**
     * The decisions of the connection {@code key} names (by identity), remembered within the bound.
     *
     * @param key the key, named in messages
     * @return that connection's decisions
     */
    public Connection<V> connection(Object key) {
        Key k = new Key(Objects.requireNonNull(key, "key"));
        Connection<V> connection = known.get(k);
        if (connection != null) {
            return connection;
        }
        if (known.size() >= maxConnections) {
            forgetSome();
        }
        return known.computeIfAbsent(k, x -> newConnection());
    }

    /**
     * A connection's decisions that the door keeps with the connection itself, so they live exactly as long.
     *
     * @return a connection's decisions, not remembered here
     */
    public Connection<V> newConnection() {
        return new Connection<>(this);
    }

    /** How many connections are remembered by key. */
    int remembered() {
        return known.size();
    }

    /** Forgets a quarter of the remembered connections; CHM iteration order is effectively arbitrary. */
    private void forgetSome() {
        int target = maxConnections - Math.max(1, maxConnections / 4);
        Iterator<Key> keys = known.keySet().iterator();
        while (known.size() > target && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }

    /**
     * One connection's decisions, by daemon name.
     *
     * @param <V> what the door makes of a decision
     */
    public static final class Connection<V> {
        private final ConnectionDecisions<V> owner;
        private final ConcurrentHashMap<String, Entry<V>> byDaemon = new ConcurrentHashMap<>(2);

        private Connection(ConnectionDecisions<V> owner) {
            this.owner = owner;
        }

        /**
         * The verdict for {@code daemon} under the rules in force: the remembered one, or the
         * one {@code decide} starts now with {@code context} (once, however many requests race
         * for it). {@code context} is a parameter so that {@code decide} can be a lambda that
         * captures nothing: a remembered verdict costs the caller no allocation.
         *
         * @param <C> what {@code decide} needs to know of the request
         * @param daemon the daemon name the rules see
         * @param context what {@code decide} is given beside the daemon name
         * @param decide starts the decision for a daemon name
         * @return the verdict for {@code daemon} under the rules in force
         */
        public <C> CompletableFuture<V> verdict(String daemon, C context,
                BiFunction<String, ? super C, ? extends CompletionStage<V>> decide) {
            long generation = owner.access.generation();
            long changes = owner.access.verdictChanges();
            Entry<V> entry = byDaemon.get(daemon);
            if (entry == null || entry.generation != generation || entry.changes != changes) {
                entry = byDaemon.compute(daemon, (d, old) -> old != null && old.generation == generation
                        && old.changes == changes ? old : new Entry<>(generation, changes));
            }
            // A plain read first: the CAS is needed only by the requests that race to start it.
            if (!entry.started.get() && entry.started.compareAndSet(false, true)) {
                start(entry, daemon, context, decide);
            }
            return entry.verdict;
        }

        private <C> void start(Entry<V> entry, String daemon, C context,
                BiFunction<String, ? super C, ? extends CompletionStage<V>> decide) {
            CompletionStage<V> decided;
            try {
                decided = decide.apply(daemon, context);
            } catch (RuntimeException e) {
                decided = CompletableFuture.failedFuture(e);
            }
            decided.whenComplete((verdict, failure) -> {
                if (failure != null || !owner.lasting.test(verdict)) {
                    byDaemon.remove(daemon, entry);
                }
                if (failure != null) {
                    entry.verdict.completeExceptionally(failure);
                } else {
                    entry.verdict.complete(verdict);
                }
            });
        }
    }

    /** One decision of one connection for one daemon name under one generation of the rules. */
    private static final class Entry<V> {
        final long generation;
        final long changes;
        final CompletableFuture<V> verdict = new CompletableFuture<>();
        final AtomicBoolean started = new AtomicBoolean();

        Entry(long generation, long changes) {
            this.generation = generation;
            this.changes = changes;
        }
    }

    /** A door's connection key by identity (transport attributes are one instance per connection). */
    private record Key(Object key) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && other.key == key;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(key);
        }
    }
}
