/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.tcpwrappers.grpc.HostsAccessInterceptor.HeldListener;
import io.grpc.ServerCall;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gRPC side of a held call; the core's {@code HeldEventsTest} covers the buffering under races. */
class HeldListenerTest {
    /** Writes down what it hears. */
    private static final class Recorder extends ServerCall.Listener<String> {
        final List<String> heard = new ArrayList<>();

        private void hear(String event) {
            heard.add(event);
        }

        @Override
        public void onMessage(String message) {
            hear("message " + message);
        }

        @Override
        public void onHalfClose() {
            hear("half-close");
        }

        @Override
        public void onCancel() {
            hear("cancel");
        }

        @Override
        public void onComplete() {
            hear("complete");
        }

        @Override
        public void onReady() {
            hear("ready");
        }
    }

    @Test
    void bufferedEventsAreReplayedInOrderThenLaterOnesPassThrough() {
        HeldListener<String> held = new HeldListener<>();
        held.onReady();
        held.onMessage("a");
        held.onHalfClose();
        Recorder recorder = new Recorder();
        held.resume(recorder);
        held.onComplete();
        assertEquals(List.of("ready", "message a", "half-close", "complete"), recorder.heard);
    }

    @Test
    void aCancelWhileHeldIsReplayed() {
        HeldListener<String> held = new HeldListener<>();
        held.onCancel();
        Recorder recorder = new Recorder();
        held.resume(recorder);
        assertEquals(List.of("cancel"), recorder.heard);
    }
}
