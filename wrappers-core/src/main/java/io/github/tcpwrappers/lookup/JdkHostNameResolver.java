/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.lookup;

import io.github.tcpwrappers.effects.Deadlines;
import io.github.tcpwrappers.effects.ThreadBoundary;
import io.github.tcpwrappers.spi.HostNameResolver;
import io.github.tcpwrappers.spi.HostNameSyntax;
import io.github.tcpwrappers.value.Durations;
import io.github.tcpwrappers.value.HostName;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies host names the way libwrap does, with the JDK alone: a reverse (PTR) lookup of the
 * address, then a forward lookup of that name; the name counts only if the forward answer
 * contains the address ({@link HostName.Verified}), else it is {@link HostName.Paranoid}. No
 * name, an error or a timeout gives {@link HostName.Unknown}.
 *
 * <p>The blocking lookups run on a small pool of daemon threads with a bounded queue, never on
 * the caller's thread. When the queue is full the answer is unknown at once; a lookup that
 * outlives the timeout answers unknown and finishes in the background. Idle threads end after a
 * while, so an unclosed resolver holds nothing.
 *
 * <p>Two back-ends: the system resolver ({@link #system()}, through {@link InetAddress}: honours
 * /etc/hosts and nsswitch; it cannot see a forged name, so those come out unknown rather than
 * paranoid) and named DNS servers over the JDK's JNDI DNS provider
 * ({@link Builder#dnsServer(String)}, which tells paranoid apart).
 *
 * <pre>{@code
 * HostNameResolver names = CachingHostNameResolver.of(JdkHostNameResolver.builder()
 *     .dnsServer("dns://192.0.2.53")
 *     .timeout(Duration.ofSeconds(2))
 *     .build());
 * HostsAccess access = HostsAccess.builder().hostNameResolver(names).build();
 * }</pre>
 */
public final class JdkHostNameResolver implements HostNameResolver, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JdkHostNameResolver.class);

    private final NameService service;
    private final ThreadPoolExecutor executor;
    private final long timeoutNanos;
    /** Its own timer (its thread ends when idle): the JDK's would lock on the caller's thread. */
    private final Deadlines deadlines = Deadlines.create("names");

    private JdkHostNameResolver(Builder b) {
        this.timeoutNanos = b.timeout.toNanos();
        this.service = b.servers.isEmpty() ? new SystemNameService() : new JndiDnsNameService(b.servers, b.timeout);
        AtomicInteger count = new AtomicInteger();
        String prefix = b.servers.isEmpty() ? "tcpwrappers-names-" : "tcpwrappers-dns-";
        this.executor = new ThreadPoolExecutor(b.threads, b.threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(b.queueCapacity), task -> {
                    Thread thread = new Thread(task, prefix + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        executor.allowCoreThreadTimeOut(true);
    }

    /** The system resolver with the defaults: 5 s timeout, 4 threads, 256 queued lookups. */
    public static JdkHostNameResolver system() {
        return builder().build();
    }

    /** A builder; without {@link Builder#dnsServer(String)} it uses the system resolver. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CompletionStage<HostName> verifiedName(InetAddress address) {
        Objects.requireNonNull(address, "address");
        CompletableFuture<HostName> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                // A lookup that already timed out while queued is not worth a thread.
                if (!result.isDone()) {
                    try {
                        result.complete(lookup(address));
                    } catch (Throwable t) {
                        // An Error too: the name is unknown, the pool thread reports it and lives.
                        result.complete(HostName.unknown());
                        ThreadBoundary.report(LOG, "name lookup of " + address, t);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("name lookup queue full, {} counts as unknown", address);
            return CompletableFuture.completedFuture(HostName.unknown());
        }
        return deadlines.orElse(result, Duration.ofNanos(timeoutNanos), HostName.unknown());
    }

    private HostName lookup(InetAddress address) {
        try {
            Optional<String> claimed = service.reverse(address);
            if (claimed.isEmpty()) {
                return HostName.unknown();
            }
            String name = claimed.get();
            if (!HostNameSyntax.acceptsPtrName(name)) {
                // glibc refuses such PTR answers, and Debian's libwrap gets no name when it is
                // longer than its buffer: either way libwrap never sees a name, nor a cut one.
                LOG.debug("{} has a PTR that is not a host name libwrap can hold: {}", address, name);
                return HostName.unknown();
            }
            for (InetAddress confirmed : service.forward(name, address)) {
                if (Arrays.equals(confirmed.getAddress(), address.getAddress())) {
                    return new HostName.Verified(name);
                }
            }
            LOG.debug("{} claims {}, whose addresses do not include it", address, name);
            return new HostName.Paranoid(name);
        } catch (Exception e) {
            LOG.debug("name lookup of {} failed: {}", address, e.toString());
            return HostName.unknown();
        }
    }

    /** Stops the lookup threads; later lookups answer unknown. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** Configures a {@link JdkHostNameResolver}. */
    public static final class Builder {
        private final List<URI> servers = new ArrayList<>();
        private Duration timeout = Duration.ofSeconds(5);
        private int threads = 4;
        private int queueCapacity = 256;

        private Builder() {
        }

        /**
         * Asks this DNS server ({@code dns://HOST[:PORT]}, port 53 by default) instead of the
         * system resolver; several servers are tried in the order given.
         */
        public Builder dnsServer(String url) {
            URI uri;
            try {
                uri = URI.create(Objects.requireNonNull(url, "url"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("a DNS server is written dns://HOST[:PORT], not " + url, e);
            }
            servers.add(uri);
            return this;
        }

        /** The longest a reverse and forward lookup together may take (default 5 s). */
        public Builder timeout(Duration timeout) {
            this.timeout = Durations.positive("timeout", timeout);
            return this;
        }

        /** Lookups that may block at once (default 4). */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1: " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** Lookups that may wait for a thread; beyond that they answer unknown (default 256). */
        public Builder queueCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("queue capacity must be at least 1: " + capacity);
            }
            this.queueCapacity = capacity;
            return this;
        }

        /**
         * Builds the resolver.
         *
         * @throws IllegalArgumentException for a malformed server URL
         * @throws IllegalStateException when DNS servers are named and the JDK lacks its DNS provider
         */
        public JdkHostNameResolver build() {
            return new JdkHostNameResolver(this);
        }
    }
}
