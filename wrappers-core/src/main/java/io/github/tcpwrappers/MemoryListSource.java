/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import io.github.tcpwrappers.spi.ListSink;
import io.github.tcpwrappers.spi.ListSource;
import io.github.tcpwrappers.value.ListEntry;
import io.github.tcpwrappers.value.Network;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A list kept in this process: every engine bound to it sees every ban and unban at once. For
 * applications that detect abuse themselves and run several engines (one per port, per tenant),
 * and as the simplest {@link ListSource} to read.
 *
 * <pre>{@code
 * MemoryListSource bans = MemoryListSource.named("app-bans");
 * HostsAccess web = HostsAccess.builder().directory(webRules).bindList(Path.of("/etc/hosts.ban"), bans).build();
 * HostsAccess ssh = HostsAccess.builder().directory(sshRules).bindList(Path.of("/etc/hosts.ban"), bans).build();
 * bans.ban(new ListEntry(Network.parse("203.0.113.7"), Instant.now().plusSeconds(600), "app", "too many logins"));
 * }</pre>
 */
public final class MemoryListSource implements ListSource {
    private final String name;
    private final List<ListSink> sinks = new CopyOnWriteArrayList<>();
    private final Map<Network, ListEntry> entries = new LinkedHashMap<>();

    private MemoryListSource(String name) {
        this.name = name;
    }

    /**
     * {@return an empty list called {@code name}}
     *
     * @param name the source's name
     */
    public static MemoryListSource named(String name) {
        return new MemoryListSource(Objects.requireNonNull(name, "name"));
    }

    @Override
    public String name() {
        return "memory:" + name;
    }

    @Override
    public String kind() {
        return "memory";
    }

    /** Delivers the whole list to {@code sink} now, and every change after. */
    @Override
    public synchronized void start(ListSink sink) {
        sinks.add(sink);
        sink.replace(new ArrayList<>(entries.values()));
    }

    @Override
    public synchronized CompletionStage<Void> ban(ListEntry entry) {
        entries.put(entry.network(), entry);
        for (ListSink sink : sinks) {
            sink.update(List.of(entry), List.of());
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<Void> unban(Network network) {
        entries.remove(network);
        for (ListSink sink : sinks) {
            sink.update(List.of(), List.of(network));
        }
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Replaces the whole list, as a source's resync does.
     *
     * @param all every entry of the new list
     */
    public synchronized void replace(List<ListEntry> all) {
        entries.clear();
        for (ListEntry e : all) {
            entries.put(e.network(), e);
        }
        for (ListSink sink : sinks) {
            sink.replace(new ArrayList<>(entries.values()));
        }
    }

    /**
     * Nothing to let go: the list lives as long as whoever holds it, and other engines may still
     * be bound to it (a closed engine ignores later deliveries).
     */
    @Override
    public void close() {
    }
}
