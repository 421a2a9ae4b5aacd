package io.github.tcpwrappers;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.testing.StderrLines;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The lookup deadline sweeper outlives whatever a sweep throws (issue 18 item 6). */
class DeadlinesTest {

    @Test
    void anErrorInASweepIsLoggedAndLaterDeadlinesStillFire() throws Exception {
        // The clock is the one thing a sweep calls that a test may replace: it fails once, as an
        // allocation does when the heap is exhausted by a reload on another thread.
        AtomicInteger reads = new AtomicInteger();
        try (StderrLines log = StderrLines.capture();
                Deadlines deadlines = new Deadlines(() -> {
                    if (reads.incrementAndGet() == 3) {
                        throw new OutOfMemoryError("Java heap space (injected)");
                    }
                    return System.nanoTime();
                })) {
            CompletableFuture<String> first = deadlines.within(new CompletableFuture<>(), TimeUnit.MILLISECONDS.toNanos(50));
            ExecutionException late = assertThrows(ExecutionException.class, () -> first.get(5, TimeUnit.SECONDS));
            assertTrue(late.getCause() instanceof TimeoutException, late.toString());
            assertTrue(reads.get() >= 3, "the failing read happened: " + reads.get());
            assertTrue(log.containing("ERROR").stream().anyMatch(l -> l.contains("OutOfMemoryError")), "logged at ERROR");

            CompletableFuture<String> second = deadlines.within(new CompletableFuture<>(), TimeUnit.MILLISECONDS.toNanos(50));
            ExecutionException later = assertThrows(ExecutionException.class, () -> second.get(5, TimeUnit.SECONDS));
            assertTrue(later.getCause() instanceof TimeoutException, "timeouts go on after the Error");
        }
    }
}
