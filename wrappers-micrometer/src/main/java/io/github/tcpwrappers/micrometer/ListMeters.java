/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.micrometer;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.value.ListStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The meters of an engine's bound lists, one set per list: {@code tcpwrappers.list.entries},
 * {@code .lag} (seconds since the source last said the list is current; NaN before the first
 * delivery), {@code .live} (1 while the source delivers), and the counters {@code .updates} and
 * {@code .failures}, tagged {@code list} (the bound path) and {@code source} (the source's kind).
 * The bindings are fixed when the engine is built, so the tags are bounded by them.
 */
final class ListMeters {
    private ListMeters() {
    }

    static void register(HostsAccess engine, Tags tags, MeterRegistry meters) {
        List<ListStatus> bound = engine.lists();
        for (int i = 0; i < bound.size(); i++) {
            int index = i;
            ListStatus list = bound.get(i);
            Tags listTags = tags.and("list", list.list().toString(), "source", list.kind());
            gauge("tcpwrappers.list.entries", "Entries of the bound list in force", engine, index, listTags, meters,
                    ListStatus::entries);
            Gauge.builder("tcpwrappers.list.lag", engine, e -> at(e, index).lag().map(d -> d.toNanos() / 1e9).orElse(Double.NaN))
                    .tags(listTags).baseUnit("seconds")
                    .description("Time since the list source last said the list in force is current").register(meters);
            gauge("tcpwrappers.list.live", "1 while the list source delivers, 0 through an outage or before its first list",
                    engine, index, listTags, meters, s -> s.state() == ListStatus.State.LIVE ? 1 : 0);
            FunctionCounter.builder("tcpwrappers.list.updates", engine, e -> at(e, index).updates()).tags(listTags)
                    .description("Snapshots and changes of the list put in force").register(meters);
            FunctionCounter.builder("tcpwrappers.list.failures", engine, e -> at(e, index).failures()).tags(listTags)
                    .description("Failures the list source reported, and deliveries refused").register(meters);
        }
    }

    private static void gauge(String name, String description, HostsAccess engine, int index, Tags tags, MeterRegistry meters,
            ToDoubleFunction<ListStatus> value) {
        Gauge.builder(name, engine, e -> value.applyAsDouble(at(e, index))).tags(tags).description(description)
                .register(meters);
    }

    private static ListStatus at(HostsAccess engine, int index) {
        return engine.lists().get(index);
    }
}
