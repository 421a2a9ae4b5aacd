/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.grpc;

import io.github.tcpwrappers.HeldEvents;
import io.grpc.ServerCall;

/**
 * The listener of a call whose decision is pending. The handler has not started, so nothing
 * requested messages: the core's {@link HeldEvents} keeps only the few events a transport sends
 * unasked (ready, half-close, cancel, complete) until {@link #resume}.
 */
final class HeldListener<ReqT> extends ServerCall.Listener<ReqT> {
    private final HeldEvents<ServerCall.Listener<ReqT>> events = new HeldEvents<>();
    private volatile boolean cancelled;

    @Override
    public void onMessage(ReqT message) {
        events.deliver(listener -> listener.onMessage(message));
    }

    @Override
    public void onHalfClose() {
        events.deliver(ServerCall.Listener::onHalfClose);
    }

    @Override
    public void onCancel() {
        cancelled = true;
        events.deliver(ServerCall.Listener::onCancel);
    }

    @Override
    public void onComplete() {
        events.deliver(ServerCall.Listener::onComplete);
    }

    @Override
    public void onReady() {
        events.deliver(ServerCall.Listener::onReady);
    }

    /** Whether the client cancelled before the decision came. */
    boolean cancelled() {
        return cancelled;
    }

    /** Replays the held events to {@code listener} in order, then lets later ones through. */
    void resume(ServerCall.Listener<ReqT> listener) {
        events.resume(listener);
    }
}
