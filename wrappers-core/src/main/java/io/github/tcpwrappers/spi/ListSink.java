/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spi;

import io.github.tcpwrappers.value.ListEntry;
import io.github.tcpwrappers.value.Network;
import java.util.Collection;

/**
 * Where a {@link ListSource} delivers its list. The engine puts each call in force whole: a
 * decision sees all of a {@link #replace} or {@link #update} or none of it. Calls may come from
 * any thread; the engine orders them as they arrive. A call never blocks for long and never
 * calls back into the source.
 */
public interface ListSink {

    /**
     * The whole list, replacing whatever was there (a startup or resync snapshot).
     *
     * @param entries every entry of the list
     */
    void replace(Collection<ListEntry> entries);

    /**
     * A change: {@code removed} networks leave first, then {@code added} entries go in (one
     * replacing an entry of the same network).
     *
     * @param added entries that go in
     * @param removed networks whose entries leave
     */
    void update(Collection<ListEntry> added, Collection<Network> removed);

    /**
     * The source cannot deliver (down, refused, answered nonsense): the last list it delivered
     * stays in force, expiries keep running, and the engine logs {@code message} at ERROR,
     * naming the list and the source (unless the message starts with the source's name). A
     * later {@link #replace} or {@link #update} ends the outage.
     *
     * @param message what went wrong, for the log
     */
    void unavailable(String message);

    /**
     * The source checked and found nothing new: the list in force is current as of now. Sources
     * that poll or compare versions call it after each check that delivered nothing, so the
     * engine's status can tell a quiet live list from a stale one (its lag). Ends an outage as
     * a delivery does.
     */
    default void current() {
    }
}
