/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The events of a request held while its decision is pending: kept until {@link #resume} hands
 * them, in order, to the listener the door has by then, and passed straight through from then
 * on. The listener is never called from two threads at once. Thread-safe.
 *
 * <pre>{@code
 * HeldEvents<Listener> events = new HeldEvents<>();
 * events.deliver(Listener::onHalfClose);        // transport thread, before the decision: kept
 * events.resume(serviceListener);               // decision thread: replays, then lets events through
 * }</pre>
 *
 * @param <L> the listener the events are for
 */
public final class HeldEvents<L> {
    private final Object lock = new Object();
    /** Events not yet delivered; null once the listener gets them directly. */
    private List<Consumer<? super L>> held = new ArrayList<>(4);
    private L target;

    /** Events held until {@link #resume}. */
    public HeldEvents() {
    }

    /**
     * Delivers {@code event} to the listener, or keeps it until {@link #resume}.
     *
     * @param event calls the listener
     */
    public void deliver(Consumer<? super L> event) {
        L now;
        synchronized (lock) {
            if (held != null) {
                held.add(event);
                return;
            }
            now = target;
        }
        event.accept(now);
    }

    /**
     * Replays the kept events to {@code listener}, then lets later ones through. Events that
     * arrive while it replays queue behind the replayed ones, so their order is kept.
     *
     * @param listener the listener from now on
     */
    public void resume(L listener) {
        while (true) {
            List<Consumer<? super L>> batch;
            synchronized (lock) {
                if (held.isEmpty()) {
                    target = listener;
                    held = null;
                    return;
                }
                batch = held;
                held = new ArrayList<>(4);
            }
            for (Consumer<? super L> event : batch) {
                event.accept(listener);
            }
        }
    }
}
