/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.testing;

import io.github.tcpwrappers.spi.ListSink;
import io.github.tcpwrappers.spi.ListSource;
import java.util.Objects;

/**
 * A list source a test drives by hand: the engine starts it, and the test delivers, fails or
 * confirms through {@link #sink()} what a real source would send (for status and meters).
 *
 * <pre>{@code
 * DrivenListSource fleet = DrivenListSource.of("driven:test", "driven");
 * try (HostsAccess access = HostsAccess.builder().directory(dir).bindList(path, fleet).build()) {
 *     fleet.sink().unavailable("connection refused");
 * }
 * }</pre>
 */
public final class DrivenListSource implements ListSource {
    private final String name;
    private final String kind;
    private volatile ListSink sink;

    private DrivenListSource(String name, String kind) {
        this.name = Objects.requireNonNull(name, "name");
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public static DrivenListSource of(String name, String kind) {
        return new DrivenListSource(name, kind);
    }

    /** The engine's sink, once it started this source. */
    public ListSink sink() {
        ListSink s = sink;
        if (s == null) {
            throw new IllegalStateException(name + " was not started");
        }
        return s;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public void start(ListSink sink) {
        this.sink = sink;
    }

    @Override
    public void close() {
    }
}
