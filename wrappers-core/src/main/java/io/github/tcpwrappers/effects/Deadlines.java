/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.effects;

import java.time.Duration;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's one timer: lookups, commands and the doors put their time limits here. One
 * thread sleeps until the earliest deadline (never a fixed-rate poll) and runs what is due; it
 * starts with the first deadline and ends after a quiet spell, so an idle owner holds no thread.
 *
 * <p>Why not the JDK's timers: {@code orTimeout} and a {@code ScheduledThreadPoolExecutor} queue
 * a deadline under a lock, and a Netty event loop that meets that lock under contention parks.
 * Here a caller only appends to a lock-free queue and, when its deadline is earlier than the one
 * the thread sleeps until, unparks it: nothing on the caller's thread ever waits.
 *
 * <pre>{@code
 * Deadlines deadlines = Deadlines.create("my-service");
 * CompletableFuture<HostName> bounded = deadlines.within(resolver.verifiedName(address), Duration.ofSeconds(2));
 * Deadlines.Timeout kill = deadlines.after(Duration.ofSeconds(30), process::destroyForcibly);
 * kill.cancel();
 * deadlines.close();
 * }</pre>
 *
 * <p>Tasks run on the timer's thread and must be short (complete a future, send a signal).
 */
public final class Deadlines implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Deadlines.class);
    /** How long the thread outlives its last deadline, so a steady trickle does not churn threads. */
    private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** The thread is awake and will look at the inbox before it sleeps again. */
    private static final long AWAKE = Long.MIN_VALUE;

    /** A deadline that may be called off. */
    public interface Timeout {
        /** Calls the task off; it does nothing when the task already ran. Never blocks. */
        void cancel();
    }

    private static final class Entry implements Timeout {
        final long at;
        final Runnable task;
        volatile boolean cancelled;

        Entry(long at, Runnable task) {
            this.at = at;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private final String name;
    private final ConcurrentLinkedQueue<Entry> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Thread thread;
    /** When the thread means to wake ({@link #AWAKE} while it works). */
    private volatile long wakeAt = AWAKE;
    private volatile boolean closed;

    private Deadlines(String name) {
        this.name = name;
    }

    /** A timer whose thread (started on demand) is named {@code tcpwrappers-deadlines-NAME}. */
    public static Deadlines create(String name) {
        return new Deadlines(Objects.requireNonNull(name, "name"));
    }

    /** Runs {@code task} once {@code delay} has passed (at once for zero or less). Never blocks. */
    public Timeout after(Duration delay, Runnable task) {
        return afterNanos(delay.toNanos(), task);
    }

    /** {@link #after} in nanoseconds. */
    public Timeout afterNanos(long delayNanos, Runnable task) {
        Objects.requireNonNull(task, "task");
        Entry entry = new Entry(System.nanoTime() + Math.max(0, delayNanos), task);
        if (closed) {
            entry.cancelled = true;
            return entry;
        }
        inbox.add(entry);
        long planned = wakeAt;
        if (planned != AWAKE && entry.at - planned < 0) {
            Thread t = thread;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
        if (!running.get() && running.compareAndSet(false, true)) {
            startThread();
        }
        return entry;
    }

    /**
     * The stage's outcome, or a {@link TimeoutException} once {@code limit} has passed; a stage
     * already complete is returned as it is.
     */
    public <T> CompletableFuture<T> within(CompletionStage<T> stage, Duration limit) {
        CompletableFuture<T> source = stage.toCompletableFuture();
        if (source.isDone()) {
            return source;
        }
        CompletableFuture<T> bounded = new CompletableFuture<>();
        Timeout alarm = after(limit, () -> bounded.completeExceptionally(
                new TimeoutException("no answer within " + limit.toMillis() + " ms")));
        source.whenComplete((value, failure) -> {
            alarm.cancel();
            if (failure != null) {
                bounded.completeExceptionally(failure);
            } else {
                bounded.complete(value);
            }
        });
        return bounded;
    }

    /** Completes {@code future} with {@code fallback} once {@code limit} has passed, unless it is done. */
    public <T> CompletableFuture<T> orElse(CompletableFuture<T> future, Duration limit, T fallback) {
        if (!future.isDone()) {
            Timeout alarm = after(limit, () -> future.complete(fallback));
            future.whenComplete((value, failure) -> alarm.cancel());
        }
        return future;
    }

    private void startThread() {
        Thread t = new Thread(this::loop, "tcpwrappers-deadlines-" + name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    private void loop() {
        PriorityQueue<Entry> due = new PriorityQueue<>((a, b) -> Long.compare(a.at - b.at, 0));
        int purgeMark = 1024;
        long idleSince = System.nanoTime();
        while (!closed) {
            wakeAt = AWAKE;
            for (Entry e; (e = inbox.poll()) != null; ) {
                if (!e.cancelled) {
                    due.add(e);
                }
            }
            long now = System.nanoTime();
            for (Entry head; (head = due.peek()) != null && head.at - now <= 0; ) {
                due.poll();
                if (!head.cancelled) {
                    run(head.task);
                }
            }
            if (due.size() > purgeMark) {
                // Lookups that answered in time leave their alarms behind: drop them in bulk.
                due.removeIf(e -> e.cancelled);
                purgeMark = Math.max(1024, 2 * due.size());
            }
            now = System.nanoTime();
            Entry next = due.peek();
            if (next == null && inbox.isEmpty()) {
                if (now - idleSince >= LINGER_NANOS) {
                    if (retire()) {
                        return;
                    }
                    continue;
                }
                wakeAt = idleSince + LINGER_NANOS;
            } else {
                idleSince = now;
                wakeAt = next == null ? now : next.at;
            }
            // Set before this look: an entry added after it sees the planned time and unparks.
            if (inbox.isEmpty()) {
                LockSupport.parkNanos(this, Math.max(0, wakeAt - now));
            }
        }
    }

    /** Ends the thread unless a deadline arrived meanwhile (then it keeps working). */
    private boolean retire() {
        thread = null;
        running.set(false);
        if (inbox.isEmpty() || closed || !running.compareAndSet(false, true)) {
            return true;
        }
        thread = Thread.currentThread();
        return false;
    }

    private void run(Runnable task) {
        try {
            task.run();
        } catch (Throwable t) {
            // The timer serves every deadline of its owner: one failing task must not stop it.
            LOG.error("deadline task failed on {}", name, t);
        }
    }

    /** Stops the thread; deadlines not yet due never run. */
    @Override
    public void close() {
        closed = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        inbox.clear();
    }
}
