/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.servlet;

import io.github.tcpwrappers.spi.HostNameResolver;
import io.github.tcpwrappers.value.HostName;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A resolver whose answers arrive later on another thread, as DNS answers do: a table of
 * verified names, {@link #NEVER} for an address whose lookup never ends, unknown otherwise.
 */
final class SlowNames implements HostNameResolver {
    static final String NEVER = "<never>";
    private final Map<String, String> names;
    private final long delayMillis;
    final AtomicInteger asked = new AtomicInteger();

    SlowNames(Map<String, String> names, long delayMillis) {
        this.names = names;
        this.delayMillis = delayMillis;
    }

    @Override
    public CompletionStage<HostName> verifiedName(InetAddress address) {
        asked.incrementAndGet();
        String name = names.get(address.getHostAddress());
        if (NEVER.equals(name)) {
            return new CompletableFuture<>();
        }
        HostName answer = name == null ? HostName.unknown() : new HostName.Verified(name);
        return CompletableFuture.supplyAsync(() -> answer,
                CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS));
    }
}
