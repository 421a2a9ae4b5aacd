package io.github.tcpwrappers.effects;

import io.github.tcpwrappers.Command;
import io.github.tcpwrappers.CommandRunner;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the processes rules ask for, within {@link CommandLimits}: {@code spawn} commands fire
 * and forget, {@code aclexec} commands report their exit status. Every command is
 * {@code /bin/sh -c} (see {@link ShellCommand}) with stdin, stdout and stderr on /dev/null,
 * started on the runner's own thread, never the caller's; a command still running at the
 * timeout is killed with its descendants.
 *
 * <p>Over the bounds a spawn is dropped (counted, and logged at most once per report interval)
 * while an aclexec waits in a short queue for a slot; an aclexec that finds the queue full,
 * waits past the timeout or cannot be started fails with {@link RejectedExecutionException},
 * which {@code HostsAccess} turns into a denial. One runner may serve several engines to put
 * one bound on all of them.
 *
 * <pre>{@code
 * ProcessRunner runner = ProcessRunner.create(CommandLimits.defaults().withMaxProcesses(4));
 * HostsAccess access = HostsAccess.builder().processRunner(runner).build();
 * ...
 * runner.close();   // the caller owns a runner it passed in
 * }</pre>
 */
public final class ProcessRunner implements CommandRunner, AutoCloseable {
    /** The logger drops, timeouts and start failures go to by default. */
    public static final String LOGGER = "io.github.tcpwrappers.commands";

    private static final File DEV_NULL = new File("/dev/null");

    private final CommandLimits limits;
    private final Logger log;
    private final LongSupplier nanoTime;
    private final ScheduledThreadPoolExecutor executor;
    private final Set<Process> live = ConcurrentHashMap.newKeySet();

    private final Object lock = new Object();
    // Guarded by lock.
    private final StartRate rate;
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private int running;
    private boolean closed;
    private long dropped;
    private long droppedSinceReport;
    private boolean reportPending;
    private long lastReport;

    /** An aclexec waiting for a slot. */
    private static final class Waiting {
        final Command command;
        final CompletableFuture<Integer> result;
        volatile ScheduledFuture<?> expiry;

        Waiting(Command command, CompletableFuture<Integer> result) {
            this.command = command;
            this.result = result;
        }
    }

    ProcessRunner(CommandLimits limits, Logger log, LongSupplier nanoTime) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.log = Objects.requireNonNull(log, "log");
        this.nanoTime = nanoTime;
        this.rate = new StartRate(limits.startsPerSecond(), nanoTime);
        this.lastReport = nanoTime.getAsLong() - limits.reportInterval().toNanos();
        String name = "tcpwrappers-commands@" + Integer.toHexString(System.identityHashCode(this));
        ThreadFactory threads = task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        };
        // One thread, created on first use and gone after a quiet spell: an engine whose rules
        // never run commands holds no thread.
        this.executor = new ScheduledThreadPoolExecutor(1, threads);
        executor.setKeepAliveTime(2, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** A runner within {@code limits} that logs to {@value #LOGGER}. */
    public static ProcessRunner create(CommandLimits limits) {
        return create(limits, LoggerFactory.getLogger(LOGGER));
    }

    /** A runner within {@code limits} that logs to {@code log}. */
    public static ProcessRunner create(CommandLimits limits, Logger log) {
        return new ProcessRunner(limits, log, System::nanoTime);
    }

    /** The limits this runner keeps. */
    public CommandLimits limits() {
        return limits;
    }

    /**
     * Starts a {@code spawn} command in the background unless a bound is reached. Never blocks
     * and never throws.
     *
     * @return whether the command was accepted (false: dropped and counted)
     */
    public boolean spawn(Command command) {
        synchronized (lock) {
            // An aclexec waiting for a slot goes first: it holds a decision up, a spawn does not.
            if (closed || running >= limits.maxProcesses() || !waiting.isEmpty() || !rate.tryTake()) {
                drop();
                return false;
            }
            running++;
        }
        submit(command, null);
        return true;
    }

    /**
     * Runs an {@code aclexec} command; the stage completes with its exit status (a command killed
     * at the timeout reports a non-zero status), or fails with {@link RejectedExecutionException}
     * when it could not run within the bounds.
     */
    @Override
    public CompletionStage<Integer> exitStatus(Command command) {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        Waiting queued;
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new RejectedExecutionException("command runner is closed"));
            }
            if (running < limits.maxProcesses() && waiting.isEmpty()) {
                running++;
                queued = null;
            } else if (waiting.size() < limits.maxWaiting()) {
                queued = new Waiting(command, result);
                waiting.add(queued);
            } else {
                return CompletableFuture.failedFuture(new RejectedExecutionException(
                        "aclexec queue full (" + limits.maxProcesses() + " running, " + limits.maxWaiting()
                                + " waiting)"));
            }
        }
        if (queued == null) {
            submit(command, result);
        } else {
            queued.expiry = schedule(() -> expire(queued), limits.timeout().toNanos());
        }
        return result;
    }

    private void expire(Waiting entry) {
        boolean removed;
        synchronized (lock) {
            removed = waiting.remove(entry);
        }
        if (removed) {
            entry.result.completeExceptionally(new RejectedExecutionException(
                    "aclexec waited " + limits.timeout().toMillis() + " ms for a free slot"));
        }
    }

    /** Spawns dropped so far because a bound was reached or the runner was closed. */
    public long droppedSpawns() {
        synchronized (lock) {
            return dropped;
        }
    }

    /** Commands running now. */
    public int running() {
        synchronized (lock) {
            return running;
        }
    }

    // ---- starting and reaping -------------------------------------------------------------

    private void submit(Command command, CompletableFuture<Integer> result) {
        try {
            executor.execute(ThreadBoundary.guarded(log, "starting a command", () -> start(command, result)));
        } catch (RejectedExecutionException closedMeanwhile) {
            release();
            if (result != null) {
                result.completeExceptionally(closedMeanwhile);
            }
        }
    }

    private void start(Command command, CompletableFuture<Integer> result) {
        Process process;
        try {
            process = ShellCommand.processBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (Throwable e) {
            // An Error too: the slot is given back and an aclexec fails (a denial), never hangs.
            ThreadBoundary.run(log, "reporting a start failure", () -> log.atWarn()
                    .addKeyValue("command", command.commandLine()).setCause(e)
                    .log("cannot start command: {}", e.toString()));
            release();
            if (result != null) {
                result.completeExceptionally(new RejectedExecutionException("cannot start aclexec command", e));
            }
            return;
        }
        live.add(process);
        java.util.concurrent.atomic.AtomicBoolean timedOut = new java.util.concurrent.atomic.AtomicBoolean();
        ScheduledFuture<?> kill = schedule(() -> timeUp(process, command, timedOut), limits.timeout().toNanos());
        process.onExit().whenComplete((p, failure) -> ThreadBoundary.run(log, "reaping a command", () -> {
            if (kill != null) {
                kill.cancel(false);
            }
            live.remove(process);
            release();
            if (result != null) {
                // Killing the children first can let the shell exit 0 on its own (a bare `wait`
                // returns 0): a command that ran out of time failed, whatever its status says.
                result.complete(timedOut.get() ? KILLED_STATUS : process.exitValue());
            }
        }));
        if (closedNow()) {
            kill(process); // close() ran while this one was starting
        }
    }

    private boolean closedNow() {
        synchronized (lock) {
            return closed;
        }
    }

    private void timeUp(Process process, Command command, java.util.concurrent.atomic.AtomicBoolean timedOut) {
        if (process.isAlive()) {
            timedOut.set(true);
            log.atWarn().addKeyValue("command", command.commandLine()).addKeyValue("pid", process.pid())
                    .log("command still running after {} ms: killed with its descendants",
                            limits.timeout().toMillis());
            kill(process);
        }
    }

    /** The status a timed-out command reports: the shell's for a death by SIGKILL. */
    static final int KILLED_STATUS = 128 + 9;

    private static void kill(Process process) {
        CommandRunner.destroyTree(process);
    }

    private void release() {
        Waiting next;
        synchronized (lock) {
            running--;
            next = closed ? null : waiting.poll();
            if (next != null) {
                running++;
            }
        }
        if (next != null) {
            ScheduledFuture<?> expiry = next.expiry;
            if (expiry != null) {
                expiry.cancel(false);
            }
            submit(next.command, next.result);
        }
    }

    private ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        try {
            return executor.schedule(ThreadBoundary.guarded(log, "a command runner task", task), delayNanos,
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closedMeanwhile) {
            return null;
        }
    }

    // ---- drops ----------------------------------------------------------------------------

    private void drop() {
        dropped++;
        droppedSinceReport++;
        if (!reportPending && !closed) {
            reportPending = true;
            long wait = Math.max(0, lastReport + limits.reportInterval().toNanos() - nanoTime.getAsLong());
            if (schedule(this::report, wait) == null) {
                reportPending = false;
            }
        }
    }

    private void report() {
        long count;
        long total;
        long since;
        synchronized (lock) {
            long now = nanoTime.getAsLong();
            count = droppedSinceReport;
            total = dropped;
            since = now - lastReport;
            droppedSinceReport = 0;
            reportPending = false;
            lastReport = now;
        }
        if (count > 0) {
            log.atWarn().addKeyValue("dropped", count).addKeyValue("droppedTotal", total)
                    .log("spawn limit reached: dropped {} spawn commands in the last {} ms ({} in all; limits: {} at once, {} per second)",
                            count, Math.min(Duration.ofNanos(since).toMillis(), limits.reportInterval().toMillis()),
                            total, limits.maxProcesses(), limits.startsPerSecond());
        }
    }

    /**
     * Stops the runner: later spawns are dropped, waiting and later aclexecs fail, commands still
     * running are killed with their descendants, and the runner's thread ends.
     */
    @Override
    public void close() {
        List<Waiting> abandoned;
        long unreported;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            abandoned = new ArrayList<>(waiting);
            waiting.clear();
            unreported = droppedSinceReport;
        }
        executor.shutdownNow();
        for (Waiting w : abandoned) {
            w.result.completeExceptionally(new RejectedExecutionException("command runner is closed"));
        }
        for (Process p : live) {
            kill(p);
        }
        if (unreported > 0) {
            report();
        }
    }
}
