/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.effects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.testing.StderrLines;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The core's one timer: earliest deadline first, a thread only while there is something to wait for. */
class DeadlinesTest {
    private static long timerThreads(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("tcpwrappers-deadlines-" + name)).count();
    }

    @Test
    void anEarlierDeadlineAddedLaterWakesTheSleepingThreadAndTasksRunInDeadlineOrder() throws Exception {
        try (Deadlines deadlines = Deadlines.create("order")) {
            List<String> ran = new CopyOnWriteArrayList<>();
            CountDownLatch early = new CountDownLatch(1);
            deadlines.after(Duration.ofSeconds(30), () -> ran.add("late"));
            Thread.sleep(50); // the thread now sleeps until the 30 s deadline
            long start = System.nanoTime();
            deadlines.after(Duration.ofMillis(100), () -> {
                ran.add("second");
                early.countDown();
            });
            deadlines.after(Duration.ofMillis(20), () -> ran.add("first"));
            assertTrue(early.await(5, TimeUnit.SECONDS), "the 100 ms deadline did not wait for the 30 s one");
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(100), "not before its time");
            assertEquals(List.of("first", "second"), ran);
        }
    }

    @Test
    void withinFailsAStageThatTakesTooLongAndPassesOneThatAnswers() throws Exception {
        try (Deadlines deadlines = Deadlines.create("within")) {
            CompletableFuture<String> slow = deadlines.within(new CompletableFuture<>(), Duration.ofMillis(50));
            ExecutionException e = assertThrows(ExecutionException.class, () -> slow.get(5, TimeUnit.SECONDS));
            assertInstanceOf(TimeoutException.class, e.getCause());
            CompletableFuture<String> source = new CompletableFuture<>();
            CompletableFuture<String> bounded = deadlines.within(source, Duration.ofSeconds(30));
            source.complete("answer");
            assertEquals("answer", bounded.get(1, TimeUnit.SECONDS));
            CompletableFuture<String> fallback = deadlines.orElse(new CompletableFuture<>(), Duration.ofMillis(20), "unknown");
            assertEquals("unknown", fallback.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aCancelledTaskNeverRunsAndAnIdleTimerHoldsNoThread() throws Exception {
        Deadlines deadlines = Deadlines.create("idle");
        assertEquals(0, timerThreads("idle"), "no thread before the first deadline");
        CompletableFuture<Void> ran = new CompletableFuture<>();
        deadlines.after(Duration.ofMillis(30), () -> ran.complete(null)).cancel();
        CountDownLatch later = new CountDownLatch(1);
        deadlines.after(Duration.ofMillis(60), later::countDown);
        assertTrue(later.await(5, TimeUnit.SECONDS));
        assertFalse(ran.isDone(), "the cancelled task ran");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (timerThreads("idle") > 0 && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertEquals(0, timerThreads("idle"), "the thread ends after its quiet spell");
        CountDownLatch again = new CountDownLatch(1);
        deadlines.after(Duration.ZERO, again::countDown);
        assertTrue(again.await(5, TimeUnit.SECONDS), "a new deadline starts a thread again");
        deadlines.close();
    }

    @Test
    void aTaskFailingWithAnErrorIsLoggedAndDoesNotStopTheTimer() throws Exception {
        // An Error, as an allocation throws when a reload on another thread exhausted the heap (issue 18 item 6).
        try (StderrLines log = StderrLines.capture(); Deadlines deadlines = Deadlines.create("failing")) {
            deadlines.after(Duration.ZERO, () -> {
                throw new OutOfMemoryError("Java heap space (injected by this test)");
            });
            CountDownLatch next = new CountDownLatch(1);
            deadlines.after(Duration.ofMillis(10), next::countDown);
            assertTrue(next.await(5, TimeUnit.SECONDS), "later deadlines still fire");
            assertTrue(log.containing("ERROR").stream().anyMatch(l -> l.contains("deadline task failed")), "logged at ERROR");
        }
    }
}
