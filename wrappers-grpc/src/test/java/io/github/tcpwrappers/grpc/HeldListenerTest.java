/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ServerCall;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HeldListenerTest {
    /** Writes down what it hears; fails the test when two threads call it at once. */
    private static final class Recorder extends ServerCall.Listener<String> {
        final List<String> heard = new ArrayList<>();
        final AtomicInteger inside = new AtomicInteger();
        volatile boolean overlapped;

        private void hear(String event) {
            if (inside.incrementAndGet() != 1) {
                overlapped = true;
            }
            heard.add(event);
            Thread.yield();
            inside.decrementAndGet();
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
        assertFalse(held.cancelled());
    }

    @Test
    void aCancelWhileHeldIsRemembered() {
        HeldListener<String> held = new HeldListener<>();
        held.onCancel();
        assertTrue(held.cancelled());
        Recorder recorder = new Recorder();
        held.resume(recorder);
        assertEquals(List.of("cancel"), recorder.heard);
    }

    @Test
    void eventsRacingTheReplayKeepTheirOrderAndNeverOverlap() throws Exception {
        for (int round = 0; round < 200; round++) {
            HeldListener<String> held = new HeldListener<>();
            for (int i = 0; i < 50; i++) {
                held.onMessage(Integer.toString(i));
            }
            Recorder recorder = new Recorder();
            CountDownLatch go = new CountDownLatch(1);
            Thread transport = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 50; i < 100; i++) {
                    held.onMessage(Integer.toString(i));
                }
            });
            transport.start();
            go.countDown();
            held.resume(recorder);
            transport.join(TimeUnit.SECONDS.toMillis(10));
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                expected.add("message " + i);
            }
            assertEquals(expected, recorder.heard, "round " + round);
            assertFalse(recorder.overlapped, "round " + round);
        }
    }
}
