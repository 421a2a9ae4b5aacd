package io.github.tcpwrappers;

import io.github.tcpwrappers.effects.ThreadBoundary;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Time limits for lookups that never take a lock on the caller's thread. The JDK's
 * {@code orTimeout} queues the timeout on a shared timer whose queue is guarded by a lock, and
 * cancels it under the same lock when the lookup completes first: on a Netty event loop, under
 * contention, that parks. Here a caller only appends to a lock-free queue; one daemon thread of
 * the engine's sweeps it every few milliseconds.
 */
final class Deadlines implements AutoCloseable {
    private static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private record Pending(long deadline, CompletableFuture<?> future) {
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Deadlines.class);

    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final LongSupplier nanoTime;
    private final Thread sweeper;
    private volatile boolean closed;

    Deadlines() {
        this(System::nanoTime);
    }

    /** With a clock of the caller's (tests: one that fails). */
    Deadlines(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        sweeper = new Thread(this::sweep, "hosts-access-deadlines");
        sweeper.setDaemon(true);
        sweeper.start();
    }

    /** The stage's outcome, or a {@link TimeoutException} once {@code nanos} have passed. */
    <T> CompletableFuture<T> within(CompletionStage<T> stage, long nanos) {
        CompletableFuture<T> source = stage.toCompletableFuture();
        if (source.isDone()) {
            return source;
        }
        CompletableFuture<T> bounded = new CompletableFuture<>();
        source.whenComplete((value, failure) -> {
            if (failure != null) {
                bounded.completeExceptionally(failure);
            } else {
                bounded.complete(value);
            }
        });
        pending.add(new Pending(nanoTime.getAsLong() + nanos, bounded));
        return bounded;
    }

    private void sweep() {
        while (!closed) {
            LockSupport.parkNanos(SWEEP_NANOS);
            // If this thread died, no lookup would ever time out again: whatever a sweep
            // throws (an OutOfMemoryError in a reload elsewhere) is reported and the next runs.
            ThreadBoundary.run(LOG, "the lookup deadline sweep", this::sweepOnce);
        }
    }

    private void sweepOnce() {
        long now = nanoTime.getAsLong();
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.future().isDone()) {
                it.remove();
            } else if (now - p.deadline() >= 0) {
                p.future().completeExceptionally(new TimeoutException("lookup took too long"));
                it.remove();
            }
        }
    }

    /** Stops the sweeper; lookups still pending are left to their own end. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(sweeper);
        try {
            sweeper.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
