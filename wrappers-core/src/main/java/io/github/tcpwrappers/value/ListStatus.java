/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.value;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a bound list stands: what it holds, whether its source is live, how far behind the
 * source the list in force may be. {@code HostsAccess#status()} lists one per bound list, and
 * {@link #toMap()} gives it JSON-ready.
 *
 * <pre>{@code
 * for (ListStatus list : access.lists()) {
 *     if (list.state() != ListStatus.State.LIVE) alert(list.list() + " down since " + list.downSince());
 * }
 * }</pre>
 *
 * @param list the {@code /file} path the rules name
 * @param source the source's {@code name()}
 * @param kind the source's {@code kind()} ({@code redis}, {@code crowdsec}, {@code memory}, ...)
 * @param state whether the list in force is live, a snapshot kept through an outage, or not there yet
 * @param entries entries held: until the list's next fold an entry that expired, was removed or was
 *     replaced may still count
 * @param lastDelivery when the source last delivered a snapshot or a change
 * @param lastSync when the source last said the list in force is current: a delivery, or a check
 *     that found nothing new
 * @param downSince since when the source has been failing, while it is; empty while it delivers
 * @param lag how long ago {@link #lastSync} was when this status was taken: for a live source at
 *     most its check interval, growing through an outage; empty before the first delivery
 * @param updates snapshots and changes put in force since the engine started
 * @param failures failures the source reported, and deliveries refused, since the engine started
 * @param lastError the last failure the source reported
 */
public record ListStatus(Path list, String source, String kind, State state, int entries, Optional<Instant> lastDelivery,
        Optional<Instant> lastSync, Optional<Instant> downSince, Optional<Duration> lag, long updates, long failures,
        Optional<String> lastError) {

    /**
     * Checks that no component is null.
     *
     * @param list the {@code /file} path the rules name
     * @param source the source's {@code name()}
     * @param kind the source's {@code kind()}
     * @param state whether the list in force is live, a snapshot kept through an outage, or not
     *     there yet
     * @param entries entries held (some may have expired since the last fold)
     * @param lastDelivery when the source last delivered
     * @param lastSync when the source last said the list in force is current
     * @param downSince since when the source has been failing, while it is
     * @param lag how long ago {@code lastSync} was
     * @param updates snapshots and changes put in force
     * @param failures failures reported and deliveries refused
     * @param lastError the last failure the source reported
     */
    public ListStatus {
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastDelivery, "lastDelivery");
        Objects.requireNonNull(lastSync, "lastSync");
        Objects.requireNonNull(downSince, "downSince");
        Objects.requireNonNull(lag, "lag");
        Objects.requireNonNull(lastError, "lastError");
    }

    /**
     * A status without the sync times and counts (kind {@code other}).
     *
     * @param list the {@code /file} path the rules name
     * @param source the source's {@code name()}
     * @param state whether the list in force is live, a snapshot, or not there yet
     * @param entries entries held
     * @param lastDelivery when the source last delivered (also taken as the last sync)
     * @param lastError the last failure the source reported
     */
    public ListStatus(Path list, String source, State state, int entries, Optional<Instant> lastDelivery,
            Optional<String> lastError) {
        this(list, source, "other", state, entries, lastDelivery, lastDelivery, Optional.empty(), Optional.empty(), 0, 0,
                lastError);
    }

    /**
     * This status as a map of strings and numbers in a fixed order, for a status endpoint:
     * {@code list, source, kind, state} ({@code live}, {@code snapshot}, {@code waiting}),
     * {@code entries, updates, failures}, and when known {@code lastDelivery, lastSync,
     * downSince} (ISO-8601), {@code lagSeconds}, {@code lastError}.
     *
     * @return the status as an ordered map
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("list", list.toString());
        m.put("source", source);
        m.put("kind", kind);
        m.put("state", state.name().toLowerCase(Locale.ROOT));
        m.put("entries", entries);
        m.put("updates", updates);
        m.put("failures", failures);
        lastDelivery.ifPresent(t -> m.put("lastDelivery", t.toString()));
        lastSync.ifPresent(t -> m.put("lastSync", t.toString()));
        downSince.ifPresent(t -> m.put("downSince", t.toString()));
        lag.ifPresent(d -> m.put("lagSeconds", d.toNanos() / 1e9));
        lastError.ifPresent(e -> m.put("lastError", e));
        return m;
    }

    /** How current the list in force is. */
    public enum State {
        /** Nothing delivered yet: the list is empty (or, with {@code ListStartup.DENY_ALL}, everyone is refused). */
        WAITING,
        /** The source is connected and delivering. */
        LIVE,
        /** The source is down: the last list it delivered stays in force, expiries keep running. */
        SNAPSHOT
    }
}
