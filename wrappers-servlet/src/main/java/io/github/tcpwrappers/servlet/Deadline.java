package io.github.tcpwrappers.servlet;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Timeouts on the filter's own timer thread (the JDK's orTimeout starts a JVM-wide thread). */
final class Deadline {
    private Deadline() {
    }

    /** A copy of {@code stage} that fails with {@link TimeoutException} after {@code limit}. */
    static <T> CompletableFuture<T> within(CompletableFuture<T> stage, Duration limit, ScheduledExecutorService timer) {
        CompletableFuture<T> bounded = stage.copy();
        ScheduledFuture<?> alarm = timer.schedule(
                () -> bounded.completeExceptionally(new TimeoutException("no answer within " + limit)),
                limit.toNanos(), TimeUnit.NANOSECONDS);
        bounded.whenComplete((value, failure) -> alarm.cancel(false));
        return bounded;
    }
}
