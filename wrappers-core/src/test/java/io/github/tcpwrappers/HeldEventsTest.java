/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The events of a held request reach the listener once it exists, in order, one at a time. */
class HeldEventsTest {
    /** Writes down what it hears; notes when two threads call it at once. */
    private static final class Recorder {
        final List<String> heard = new ArrayList<>();
        final AtomicInteger inside = new AtomicInteger();
        volatile boolean overlapped;

        void hear(String event) {
            if (inside.incrementAndGet() != 1) {
                overlapped = true;
            }
            heard.add(event);
            Thread.yield();
            inside.decrementAndGet();
        }
    }

    @Test
    void eventsBeforeResumeAreReplayedInOrderAndLaterOnesPassStraightThrough() {
        HeldEvents<Recorder> events = new HeldEvents<>();
        events.deliver(r -> r.hear("ready"));
        events.deliver(r -> r.hear("half-close"));
        Recorder recorder = new Recorder();
        events.resume(recorder);
        assertEquals(List.of("ready", "half-close"), recorder.heard);
        events.deliver(r -> r.hear("complete"));
        assertEquals(List.of("ready", "half-close", "complete"), recorder.heard);
    }

    @Test
    void eventsRacingTheReplayKeepTheirOrderAndNeverOverlap() throws Exception {
        for (int round = 0; round < 200; round++) {
            HeldEvents<Recorder> events = new HeldEvents<>();
            for (int i = 0; i < 50; i++) {
                String event = Integer.toString(i);
                events.deliver(r -> r.hear(event));
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
                    String event = Integer.toString(i);
                    events.deliver(r -> r.hear(event));
                }
            });
            transport.start();
            go.countDown();
            events.resume(recorder);
            transport.join(TimeUnit.SECONDS.toMillis(10));
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                expected.add(Integer.toString(i));
            }
            assertEquals(expected, recorder.heard, "round " + round);
            assertFalse(recorder.overlapped, "round " + round);
        }
    }
}
