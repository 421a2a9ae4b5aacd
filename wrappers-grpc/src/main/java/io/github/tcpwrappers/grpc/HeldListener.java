/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.grpc;

import io.grpc.ServerCall;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The listener of a call whose decision is pending: buffers the transport's events until
 * {@link #resume} hands them, in order, to the real listener; from then on events pass
 * straight through. Nothing requests messages while the handler has not started, so the
 * buffer holds only the few events a transport sends unasked (ready, half-close, cancel,
 * complete).
 */
final class HeldListener<ReqT> extends ServerCall.Listener<ReqT> {
    private final Object lock = new Object();
    /** Events not yet delivered; null once the real listener gets them directly. */
    private List<Consumer<ServerCall.Listener<ReqT>>> held = new ArrayList<>(4);
    private ServerCall.Listener<ReqT> target;
    private boolean cancelled;

    @Override
    public void onMessage(ReqT message) {
        deliver(listener -> listener.onMessage(message));
    }

    @Override
    public void onHalfClose() {
        deliver(ServerCall.Listener::onHalfClose);
    }

    @Override
    public void onCancel() {
        synchronized (lock) {
            cancelled = true;
        }
        deliver(ServerCall.Listener::onCancel);
    }

    @Override
    public void onComplete() {
        deliver(ServerCall.Listener::onComplete);
    }

    @Override
    public void onReady() {
        deliver(ServerCall.Listener::onReady);
    }

    /** Whether the client cancelled before the decision came. */
    boolean cancelled() {
        synchronized (lock) {
            return cancelled;
        }
    }

    private void deliver(Consumer<ServerCall.Listener<ReqT>> event) {
        ServerCall.Listener<ReqT> now;
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
     * Replays the buffered events to {@code listener}, then lets later events through. Events
     * that arrive while replaying queue behind the replayed ones, so order is kept and the
     * listener is never called from two threads at once.
     */
    void resume(ServerCall.Listener<ReqT> listener) {
        while (true) {
            List<Consumer<ServerCall.Listener<ReqT>>> batch;
            synchronized (lock) {
                if (held.isEmpty()) {
                    target = listener;
                    held = null;
                    return;
                }
                batch = held;
                held = new ArrayList<>(4);
            }
            for (Consumer<ServerCall.Listener<ReqT>> event : batch) {
                event.accept(listener);
            }
        }
    }
}
