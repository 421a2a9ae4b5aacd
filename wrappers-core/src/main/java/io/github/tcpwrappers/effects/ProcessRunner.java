/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.effects;

import io.github.tcpwrappers.spi.CommandRunner;
import io.github.tcpwrappers.spi.TwistSession;
import io.github.tcpwrappers.value.Command;
import io.github.tcpwrappers.value.CommandEvent;
import io.github.tcpwrappers.value.CommandLimits;
import io.github.tcpwrappers.value.TwistOutput;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the processes rules ask for, all within one set of {@link CommandLimits}: {@code spawn}
 * commands fire and forget, {@code aclexec} commands report their exit status, {@code twist}
 * commands answer a client in the service's place, either as a whole output
 * ({@link #twistOutput}, for HTTP and gRPC answers) or as a session on a byte stream
 * ({@link #twist}, for a TCP connection). Every command is {@code /bin/sh -c} (see
 * {@link ShellCommand}) in a session of its own, started on the runner's threads, never the
 * caller's; spawn and aclexec have stdin, stdout and stderr on /dev/null, twist has pipes.
 *
 * <p>A command holds its slot until the last process of its session is gone, so a background
 * job ({@code spawn (sleep 30) &}, the man page's idiom) counts against the bound; at the
 * timeout the whole session is killed, and so is every session still running when the runner
 * closes. A twist is over when its shell exits: what it left in its session is killed then (it
 * has no client left to answer).
 *
 * <p>Over the bounds a spawn is dropped (counted, and logged at most once per report interval),
 * a twist is refused ({@link TwistOutput.Ending#REFUSED}), and an aclexec waits in a short queue
 * for a slot; an aclexec that finds the queue full, waits past the timeout or cannot be started
 * fails with {@link RejectedExecutionException}, which {@code HostsAccess} turns into a denial.
 * One runner may serve several engines to put one bound on all of them.
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

    /** The status a timed-out command reports: the shell's for a death by SIGKILL. */
    static final int KILLED_STATUS = 128 + 9;

    private static final File DEV_NULL = new File("/dev/null");
    private static final long MAX_SESSION_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final CommandLimits limits;
    private final Logger log;
    private final LongSupplier nanoTime;
    private final ThreadPoolExecutor starter;
    private final ThreadPoolExecutor pumps;
    private final Deadlines deadlines;
    private final Set<Running> live = ConcurrentHashMap.newKeySet();
    private final Set<Submission> submissions = ConcurrentHashMap.newKeySet();
    /** Who hears what happens to commands (engines' listeners, metrics); see {@link #addListener}. */
    private final List<Consumer<CommandEvent>> listeners = new CopyOnWriteArrayList<>();

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

    /** What a command is for: how its end is told and what its leftovers may do. */
    enum Kind {
        SPAWN(CommandEvent.Kind.SPAWN), ACLEXEC(CommandEvent.Kind.ACLEXEC), TWIST(CommandEvent.Kind.TWIST);

        final CommandEvent.Kind event;

        Kind(CommandEvent.Kind event) {
            this.event = event;
        }
    }

    /** Marks an aclexec the full queue refused (never queued). */
    private static final Waiting REFUSED = new Waiting(null, null);

    /** An aclexec waiting for a slot. */
    private static final class Waiting {
        final Command command;
        final CompletableFuture<Integer> result;
        volatile Deadlines.Timeout expiry;

        Waiting(Command command, CompletableFuture<Integer> result) {
            this.command = command;
            this.result = result;
        }
    }

    /** One started command and its session, holding one slot until the session is empty. */
    final class Running {
        final Process process;
        final Command command;
        final Kind kind;
        final long started = System.nanoTime();
        final AtomicBoolean timedOut = new AtomicBoolean();
        private final AtomicBoolean released = new AtomicBoolean();
        /** Completes when the session is empty and the slot given back. */
        final CompletableFuture<Void> gone = new CompletableFuture<>();
        private volatile Deadlines.Timeout alarm;

        Running(Process process, Command command, Kind kind) {
            this.process = process;
            this.command = command;
            this.kind = kind;
        }

        /** Nanoseconds left before the timeout kills it. */
        long remainingNanos() {
            return limits.timeout().toNanos() - (System.nanoTime() - started);
        }
    }

    ProcessRunner(CommandLimits limits, Logger log, LongSupplier nanoTime) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.log = Objects.requireNonNull(log, "log");
        this.nanoTime = nanoTime;
        this.rate = new StartRate(limits.startsPerSecond(), nanoTime);
        this.lastReport = nanoTime.getAsLong() - limits.reportInterval().toNanos();
        String id = Integer.toHexString(System.identityHashCode(this));
        // Threads on demand, gone after a quiet spell: an engine whose rules run no commands holds
        // none. One thread forks every command (a flood costs no more threads); a twist's pipes
        // get their own, two for a session, one for a whole output, never more than the bound.
        this.starter = new ThreadPoolExecutor(1, 1, 2, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                threads("tcpwrappers-commands@" + id));
        starter.allowCoreThreadTimeOut(true);
        this.pumps = new ThreadPoolExecutor(0, 2 * limits.maxProcesses() + 2, 2, TimeUnit.SECONDS,
                new SynchronousQueue<>(), threads("tcpwrappers-twist@" + id));
        this.deadlines = Deadlines.create("commands@" + Integer.toHexString(System.identityHashCode(this)));
        FlightEvents.preload();
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A runner within {@code limits} that logs to {@value #LOGGER}. */
    public static ProcessRunner create(CommandLimits limits) {
        return create(limits, LoggerFactory.getLogger(LOGGER));
    }

    /** A runner within {@code limits} that logs to {@code log}. */
    public static ProcessRunner create(CommandLimits limits, Logger log) {
        return new ProcessRunner(limits, log, System::nanoTime);
    }

    /**
     * Adds a listener that hears every command this runner starts, refuses or kills, on the thread
     * where that happened (keep it quick; a failure is logged and ignored). An engine adds one
     * for its {@code EngineListener}s and removes it when it closes.
     */
    public void addListener(Consumer<CommandEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener {@link #addListener} added. */
    public void removeListener(Consumer<CommandEvent> listener) {
        listeners.remove(listener);
    }

    /** Tells the flight recorder and the listeners; the event is built only when someone hears it. */
    private void tell(Kind kind, CommandEvent.Happening happening, Command command) {
        boolean recorded = new FlightEvents.Command().isEnabled();
        if (!recorded && listeners.isEmpty()) {
            return;
        }
        CommandEvent event = new CommandEvent(kind.event, happening, command.commandLine());
        if (recorded) {
            FlightEvents.command(event);
        }
        for (Consumer<CommandEvent> listener : listeners) {
            ThreadBoundary.run(log, "command listener", () -> listener.accept(event));
        }
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
        if (!admit(true)) {
            tell(Kind.SPAWN, CommandEvent.Happening.REFUSED, command);
            return false;
        }
        submit(() -> launch(command, Kind.SPAWN, ProcessRunner::quiet, null));
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
                queued = REFUSED; // told outside the lock
            }
        }
        if (queued == null) {
            startAclexec(command, result);
        } else if (queued == REFUSED) {
            tell(Kind.ACLEXEC, CommandEvent.Happening.REFUSED, command);
            return CompletableFuture.failedFuture(new RejectedExecutionException(
                    "aclexec queue full (" + limits.maxProcesses() + " running, " + limits.maxWaiting() + " waiting)"));
        } else {
            queued.expiry = deadlines.after(limits.timeout(), () -> expire(queued));
        }
        return result;
    }

    /**
     * Runs a {@code twist} command for a whole answer: stdin at end of file, the stage completes
     * with its stdout once it exits, reaches {@link CommandLimits#maxBytes()} or runs out of
     * time (killed then, with its session). Never blocks; the stage never fails.
     */
    public CompletionStage<TwistOutput> twistOutput(Command command) {
        if (!admit(false)) {
            tell(Kind.TWIST, CommandEvent.Happening.REFUSED, command);
            return CompletableFuture.completedFuture(TwistOutput.none(TwistOutput.Ending.REFUSED));
        }
        CompletableFuture<TwistOutput> result = new CompletableFuture<>();
        submit(() -> {
            Running r = launch(command, Kind.TWIST, b -> b.redirectInput(DEV_NULL), result);
            // Answered once the slot is free again: a client that asks next finds it so.
            if (r != null && !helper(() -> {
                TwistOutput out = collect(r);
                r.gone.whenComplete((done, failure) -> result.complete(out));
            })) {
                Sessions.kill(r.process);
                result.complete(TwistOutput.none(TwistOutput.Ending.FAILED));
            }
        }, () -> result.complete(TwistOutput.none(TwistOutput.Ending.REFUSED)));
        return result;
    }

    /**
     * Runs a {@code twist} command as a session on a client's byte stream: what the door passes
     * to {@link TwistSession#input} goes to its stdin, its stdout goes to
     * {@link TwistSession.Client#send}, and {@link TwistSession.Client#ended} tells the door to
     * close. Never blocks; a refused command ends at once (possibly before this returns).
     */
    public TwistSession twist(Command command, TwistSession.Client client) {
        ProcessTwist session = new ProcessTwist(this, client, limits.maxBytes());
        if (!admit(false)) {
            tell(Kind.TWIST, CommandEvent.Happening.REFUSED, command);
            session.end(TwistOutput.Ending.REFUSED);
            return session;
        }
        submit(() -> {
            Running r = launch(command, Kind.TWIST, UnaryOperator.identity(), null);
            if (r == null) {
                session.end(TwistOutput.Ending.FAILED);
            } else if (!helper(() -> session.run(r))) {
                Sessions.kill(r.process);
                session.end(TwistOutput.Ending.FAILED);
            }
        }, () -> session.end(TwistOutput.Ending.REFUSED));
        return session;
    }

    private void expire(Waiting entry) {
        boolean removed;
        synchronized (lock) {
            removed = waiting.remove(entry);
        }
        if (removed) {
            tell(Kind.ACLEXEC, CommandEvent.Happening.REFUSED, entry.command);
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

    /** Commands holding a slot now (running, or with processes left in their session). */
    public int running() {
        synchronized (lock) {
            return running;
        }
    }

    // ---- slots ----------------------------------------------------------------------------

    /** Takes a slot for a spawn or twist, or counts a dropped spawn (a door reports a refused twist). */
    private boolean admit(boolean spawn) {
        synchronized (lock) {
            // An aclexec waiting for a slot goes first: it holds a decision up, the others do not.
            if (closed || running >= limits.maxProcesses() || !waiting.isEmpty() || !rate.tryTake()) {
                if (spawn) {
                    drop();
                }
                return false;
            }
            running++;
            return true;
        }
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
            Deadlines.Timeout expiry = next.expiry;
            if (expiry != null) {
                expiry.cancel();
            }
            startAclexec(next.command, next.result);
        }
    }

    private void startAclexec(Command command, CompletableFuture<Integer> result) {
        submit(() -> launch(command, Kind.ACLEXEC, ProcessRunner::quiet, result),
                () -> result.completeExceptionally(new RejectedExecutionException("command runner is closed")));
    }

    private void submit(Runnable task) {
        submit(task, () -> { });
    }

    /** A command on its way to the starter thread, run or refused exactly once. */
    private final class Submission extends AtomicBoolean {
        final Runnable task;
        final Runnable refused;

        Submission(Runnable task, Runnable refused) {
            this.task = task;
            this.refused = refused;
        }

        void start() {
            if (compareAndSet(false, true)) {
                submissions.remove(this);
                try {
                    starter.execute(ThreadBoundary.guarded(log, "starting a command", task));
                } catch (RejectedExecutionException closedMeanwhile) {
                    release();
                    refused.run();
                }
            }
        }

        void refuse() {
            if (compareAndSet(false, true)) {
                release();
                refused.run();
            }
        }
    }

    /**
     * Runs {@code task} on the starter thread; {@code refused} (after the slot is given back) when
     * the runner closes first. Handed over through the timer's lock-free queue: a caller on an
     * event loop never meets the executor's queue lock.
     */
    private void submit(Runnable task, Runnable refused) {
        Submission submission = new Submission(task, refused);
        submissions.add(submission);
        deadlines.afterNanos(0, submission::start);
        if (closedNow()) {
            submission.refuse();
        }
    }

    /** Runs a started twist's pipe pump on a thread of its own; false when none is free. */
    boolean helper(Runnable task) {
        try {
            pumps.execute(ThreadBoundary.guarded(log, "a twist's pipe pump", task));
            return true;
        } catch (RejectedExecutionException full) {
            return false;
        }
    }

    // ---- starting, timing and reaping -----------------------------------------------------

    private static ProcessBuilder quiet(ProcessBuilder builder) {
        return builder.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    }

    /**
     * On a runner thread: starts the command in its session with stderr discarded and the
     * redirections {@code redirect} sets. {@code result} (an aclexec's status, or a twist's
     * output) is failed when the start fails; null then, and the slot is given back.
     */
    private Running launch(Command command, Kind kind, UnaryOperator<ProcessBuilder> redirect, CompletableFuture<?> result) {
        Process process;
        try {
            process = redirect.apply(ShellCommand.processBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)).start();
        } catch (Throwable e) {
            // An Error too: the slot is given back and an aclexec fails (a denial), never hangs.
            log.atWarn().addKeyValue("command", command.commandLine()).setCause(e)
                    .log("cannot start command: {}", e.toString());
            release();
            tell(kind, CommandEvent.Happening.REFUSED, command);
            if (result != null && kind == Kind.ACLEXEC) {
                result.completeExceptionally(new RejectedExecutionException("cannot start aclexec command", e));
            } else if (result != null) {
                @SuppressWarnings("unchecked")
                CompletableFuture<TwistOutput> twist = (CompletableFuture<TwistOutput>) result;
                twist.complete(TwistOutput.none(TwistOutput.Ending.FAILED));
            }
            return null;
        }
        Running r = new Running(process, command, kind);
        live.add(r);
        tell(kind, CommandEvent.Happening.STARTED, command);
        r.alarm = deadlines.after(limits.timeout(), ThreadBoundary.guarded(log, "a command's time limit", () -> timeUp(r)));
        process.onExit().whenComplete((p, failure) -> ThreadBoundary.run(log, "reaping a command",
                () -> exited(r, kind == Kind.ACLEXEC ? result : null)));
        if (closedNow()) {
            Sessions.kill(process); // close() ran while this one was starting
        }
        return r;
    }

    private boolean closedNow() {
        synchronized (lock) {
            return closed;
        }
    }

    /** On the JDK's process reaper: the shell is gone; its session may not be. */
    private void exited(Running r, CompletableFuture<?> aclexec) {
        if (r.kind == Kind.TWIST) {
            Sessions.kill(r.process);
        }
        // The slot first: whoever hears the status may start the next command at once.
        boolean emptied = releaseIfEmpty(r);
        if (aclexec != null) {
            // Killing the children first can let the shell exit 0 on its own (a bare `wait`
            // returns 0): a command that ran out of time failed, whatever its status says.
            @SuppressWarnings("unchecked")
            CompletableFuture<Integer> status = (CompletableFuture<Integer>) aclexec;
            status.complete(r.timedOut.get() ? KILLED_STATUS : r.process.exitValue());
        }
        if (!emptied) {
            awaitSessionEnd(r, TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /** Gives the slot back if nothing of the command's session is left. */
    private boolean releaseIfEmpty(Running r) {
        if (!Sessions.members(r.process).isEmpty()) {
            return false;
        }
        if (r.released.compareAndSet(false, true)) {
            Deadlines.Timeout alarm = r.alarm;
            if (alarm != null) {
                alarm.cancel();
            }
            live.remove(r);
            release();
            r.gone.complete(null);
        }
        return true;
    }

    /** Gives the slot back once nothing of the command's session is left. */
    private void awaitSessionEnd(Running r, long nextCheckNanos) {
        if (releaseIfEmpty(r)) {
            return;
        }
        // Background jobs still run: look again, less and less often, until they end or the
        // timeout kills them.
        deadlines.afterNanos(nextCheckNanos, () -> awaitSessionEnd(r, Math.min(2 * nextCheckNanos,
                MAX_SESSION_CHECK_NANOS)));
    }

    private void timeUp(Running r) {
        if (!r.released.get()) {
            r.timedOut.set(true);
            log.atWarn().addKeyValue("command", r.command.commandLine()).addKeyValue("pid", r.process.pid())
                    .log("command still running after {} ms: killed with its session",
                            limits.timeout().toMillis());
            tell(r.kind, CommandEvent.Happening.KILLED, r.command);
            Sessions.kill(r.process);
            awaitSessionEnd(r, TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /** Kills a twist that went past the byte limit, and tells so. Never blocks. */
    void overLimit(Running r) {
        tell(r.kind, CommandEvent.Happening.KILLED, r.command);
        stop(r);
    }

    /** Kills a command and its session off the caller's thread (it reads /proc). Never blocks. */
    void stop(Running r) {
        deadlines.afterNanos(0, () -> Sessions.kill(r.process));
    }

    /** On a runner thread: a whole-output twist's stdout, up to the byte bound. */
    private TwistOutput collect(Running r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TwistOutput.Ending ending = null;
        byte[] buffer = new byte[8192];
        try (InputStream in = r.process.getInputStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                int room = limits.maxBytes() - out.size();
                if (n > room) {
                    out.write(buffer, 0, room);
                    ending = TwistOutput.Ending.BYTE_LIMIT;
                    log.atWarn().addKeyValue("command", r.command.commandLine())
                            .log("twist command wrote more than {} bytes: killed", limits.maxBytes());
                    overLimit(r);
                    break;
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            log.atDebug().log("twist stdout: {}", e.toString());
            ending = TwistOutput.Ending.FAILED;
        }
        if (ending == null) {
            ending = r.timedOut.get() ? TwistOutput.Ending.TIME_LIMIT : TwistOutput.Ending.EXITED;
        }
        return TwistOutput.of(out.toByteArray(), ending);
    }

    // ---- drops ----------------------------------------------------------------------------

    private void drop() {
        dropped++;
        droppedSinceReport++;
        if (!reportPending && !closed) {
            reportPending = true;
            long wait = Math.max(0, lastReport + limits.reportInterval().toNanos() - nanoTime.getAsLong());
            deadlines.afterNanos(wait, this::report);
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
     * Stops the runner: later commands are dropped or refused, waiting and later aclexecs fail,
     * and every command still running is killed with its session (this waits for the kills,
     * briefly); the runner's threads end.
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
        for (Waiting w : abandoned) {
            w.result.completeExceptionally(new RejectedExecutionException("command runner is closed"));
        }
        for (Running r : live) {
            Sessions.kill(r.process);
        }
        deadlines.close();
        submissions.forEach(Submission::refuse);
        // No one checks the sessions after this: whoever waits for a command's end hears it now.
        for (Running r : live) {
            r.gone.complete(null);
        }
        starter.shutdownNow();
        pumps.shutdownNow();
        if (unreported > 0) {
            report();
        }
    }
}
