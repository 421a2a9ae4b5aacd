/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spi;

import io.github.tcpwrappers.value.ListEntry;
import io.github.tcpwrappers.value.Network;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A live list kept elsewhere (Redis, CrowdSec, ...) that a {@code /file} list path of the rules
 * is bound to ({@code HostsAccess.Builder#bindList}). The engine {@link #start starts} it once,
 * after the rules loaded, and {@link #close closes} it with itself. The source pushes a full
 * snapshot first (and after every reconnect), deltas after that, and says when it is down.
 *
 * <pre>{@code
 * HostsAccess access = HostsAccess.builder()
 *     .bindList(Path.of("/etc/hosts.ban"), RedisList.connect(RedisURI.create("redis://10.0.0.5"), "bans"))
 *     .build();
 * // hosts.deny:   ALL : /etc/hosts.ban
 * }</pre>
 */
public interface ListSource extends AutoCloseable {

    /**
     * What tcpdmatch and the logs call this source: where it is, never a secret
     * ({@code redis://10.0.0.5:6379/0 key bans}).
     *
     * @return the source's printable name
     */
    String name();

    /**
     * What kind of source this is, for status and metric tags: a short fixed word such as
     * {@code redis} or {@code crowdsec}, the same for every instance (unlike {@link #name()}).
     *
     * @return the source's kind
     */
    default String kind() {
        return "other";
    }

    /**
     * Starts delivering to {@code sink}; returns at once (connecting happens in the background).
     *
     * @param sink where entries go
     */
    void start(ListSink sink);

    /**
     * Writes an entry for the whole fleet, when this source takes writes. The entry reaches
     * every engine bound to the same list, this one included, through the sink.
     *
     * @param entry the entry to write
     * @return completes when the source took the write, or fails (also when the source takes no
     *     writes)
     */
    default CompletionStage<Void> ban(ListEntry entry) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(name() + " takes no writes"));
    }

    /**
     * Removes a network's entry for the whole fleet, when this source takes writes.
     *
     * @param network the network whose entry goes
     * @return completes when the source took the removal, or fails (also when the source takes no
     *     writes)
     */
    default CompletionStage<Void> unban(Network network) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(name() + " takes no writes"));
    }

    /** Stops delivering and lets go of connections and threads. */
    @Override
    void close();
}
