/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import io.github.tcpwrappers.effects.FlightEvents;
import io.github.tcpwrappers.effects.ThreadBoundary;
import io.github.tcpwrappers.evaluation.RuleSet;
import io.github.tcpwrappers.files.FileAccess;
import io.github.tcpwrappers.files.FileStats;
import io.github.tcpwrappers.files.RuleLoader;
import io.github.tcpwrappers.value.Diagnostic;
import io.github.tcpwrappers.value.FileVersion;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the rules in force in step with the files: one immutable snapshot at a time, replaced
 * whole, and only by a table that was whole on disk. Changes are found by stat'ing every file
 * the snapshot was read from (mtime, size, file key: edits in place, rename-over, creation,
 * deletion, ConfigMap symlink swaps), on a poll of the reload interval and at once when a
 * WatchService sees the directories move. Loading runs on a thread of its own, bounded in time,
 * never on a caller's.
 *
 * <p>A change is put in force only once it held still (see {@link #classify}): an in-place
 * write ({@code generator > hosts.deny}) truncates first and writes for a while, and every
 * moment in between is a table that was never meant. A pure append (old bytes unchanged, new
 * bytes ending in a newline) only adds whole rules and takes effect at once.
 */
final class LiveRules implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("io.github.tcpwrappers.reload");
    private static final int STABLE_ATTEMPTS = 3;
    /** Loads stuck in a read (a hung file system) beside the one running, before reloads stop trying. */
    private static final int MAX_STUCK_LOADS = 4;
    /**
     * How long an emptied table must hold still before it is put in force: far longer than any
     * writer pauses between its truncate and its first write (the torture measures 400 ms).
     */
    static final Duration EMPTY_HOLD = Duration.ofSeconds(5);

    /** How the files are watched and what a change must look like before it is put in force. */
    record Settings(Mode mode, MissingTables missingTables, boolean missingTablesChosen, Duration interval,
            Duration settle, Duration loadTimeout) {
    }

    /** One load: the compiled rules, what loading found, and what the files looked like. */
    record Snapshot(RuleSet rules, List<Diagnostic> problems, Map<Path, FileVersion> versions,
            Map<Path, RuleLoader.Stamp> sources, long generation, Instant loadedAt) {
    }

    /**
     * Grows the load in force by the lines appended to its tables (see
     * {@link RuleLoader#appended}), or says that only a full load will do.
     */
    @FunctionalInterface
    interface Appender {
        Optional<RuleLoader.Loaded> appended(RuleLoader.Loaded previous, Set<Path> changed);
    }

    /** A change seen on disk and not yet in force: since when it has held still. */
    private record Pending(Map<Path, FileVersion> versions, long sinceNanos) {
    }

    private final Supplier<RuleLoader.Loaded> loader;
    private final Appender appender;
    private final FileAccess files;
    private final Set<Path> tables;
    private final Settings settings;
    private final List<ReloadListener> listeners;
    private final ScheduledExecutorService executor;
    private volatile ThreadPoolExecutor loads;
    private final Object loading = new Object();
    private volatile Snapshot current;
    /** The load behind {@link #current}: what an append grows. */
    private volatile RuleLoader.Loaded inForce;
    // Guarded by loading: what was last acted on (put in force or refused), and what waits.
    private volatile Map<Path, FileVersion> lastSeen;
    private Pending pending;
    private ScheduledFuture<?> recheck;
    private volatile Optional<ReloadEvent> lastRefusal = Optional.empty();
    private WatchService watcher;
    private Thread watchThread;
    private final Set<Path> watchedDirectories = new HashSet<>();
    private volatile boolean closed;
    /** Guarded by loading: the JFR event of the check or reload under way, begun when it started. */
    private FlightEvents.Reload flight = new FlightEvents.Reload();

    /**
     * Loads the first snapshot.
     *
     * @throws RulesRejectedException when the files are refused (strict mode's errors, a
     *     missing table under {@link MissingTables#REFUSE}, a load too large or too slow)
     */
    LiveRules(Set<Path> tables, Supplier<RuleLoader.Loaded> loader, Appender appender, FileAccess files,
            Settings settings, List<ReloadListener> listeners) {
        this.tables = Set.copyOf(tables);
        this.loader = loader;
        this.appender = appender;
        this.files = files;
        this.settings = settings;
        this.listeners = List.copyOf(listeners);
        // Load threads exist only while loading (an idle engine holds none): the first load gets
        // a thread of its own, reloads a pool whose threads end after a quiet spell.
        ThreadPoolExecutor firstLoad = loadPool(1);
        this.loads = firstLoad;
        try {
            Attempt first = attempt();
            warnMissing(first.loaded);
            List<Diagnostic> refusals = first.loaded.refusals(settings.mode() == Mode.STRICT,
                    settings.missingTables() == MissingTables.REFUSE);
            if (!refusals.isEmpty()) {
                throw new RulesRejectedException(refusals);
            }
            this.current = snapshot(first, 1);
            this.inForce = first.loaded;
            this.lastSeen = first.versions;
        } finally {
            firstLoad.shutdownNow();
        }
        this.loads = loadPool(1 + MAX_STUCK_LOADS);
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, daemon("hosts-access-reload"));
        pool.setRemoveOnCancelPolicy(true);
        this.executor = pool;
        if (!settings.interval().isZero()) {
            long millis = Math.max(1, settings.interval().toMillis());
            executor.scheduleWithFixedDelay(this::checkQuietly, millis, millis, TimeUnit.MILLISECONDS);
            startWatching();
        }
    }

    private static ThreadPoolExecutor loadPool(int threads) {
        return new ThreadPoolExecutor(0, threads, 5, TimeUnit.SECONDS, new SynchronousQueue<>(),
                daemon("hosts-access-load"));
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Tables read as empty at startup: said once, at WARN when the mode chose it, not the caller. */
    private void warnMissing(RuleLoader.Loaded loaded) {
        if (settings.missingTables() == MissingTables.EMPTY) {
            for (Path table : loaded.missingTables()) {
                if (settings.missingTablesChosen()) {
                    LOG.debug("{} does not exist: read as an empty table (missingTables EMPTY)", table);
                } else {
                    LOG.warn("{} does not exist: read as an empty table, as libwrap does", table);
                }
            }
        }
    }

    /** The snapshot in force. */
    Snapshot current() {
        return current;
    }

    /** With a zero interval: the snapshot in force after checking the files, off the caller's thread. */
    CompletionStage<Snapshot> fresh() {
        if (!settings.interval().isZero()) {
            return CompletableFuture.completedStage(current);
        }
        try {
            return CompletableFuture.supplyAsync(() -> {
                checkQuietly();
                return current;
            }, executor);
        } catch (RejectedExecutionException closedMeanwhile) {
            return CompletableFuture.completedStage(current);
        }
    }

    /** Loads now, waiting for the load (bounded by the load timeout), whether or not the files held still. */
    List<Diagnostic> reloadNow() {
        synchronized (loading) {
            pending = null;
            flight = begun();
            return apply(attempt());
        }
    }

    ReloadStatus status() {
        Snapshot s = current;
        return new ReloadStatus(s.generation(), s.loadedAt(), s.rules().ruleCount(), s.versions(), lastRefusal);
    }

    /** A check on the reload thread: nothing that goes wrong in it may stop later checks. */
    private void checkQuietly() {
        if (closed) {
            return;
        }
        ThreadBoundary.run(LOG, "checking the rule files (the rules in force stay)", () -> {
            synchronized (loading) {
                flight = begun();
                check();
            }
        });
    }

    private void check() {
        Set<Path> known = new LinkedHashSet<>(tables);
        known.addAll(lastSeen.keySet());
        Map<Path, FileVersion> now = FileStats.stat(known);
        if (now.equals(lastSeen)) {
            pending = null;
            return;
        }
        long nanos = System.nanoTime();
        if (pending == null || !pending.versions().equals(now)) {
            pending = new Pending(now, nanos);
        }
        Change change = classify(now);
        if (change instanceof Change.Vanished) {
            refuseVanished(now);
            return;
        }
        if (change instanceof Change.Appended appended) {
            if (appendedInPlace(appended, now)) {
                return;
            }
            if (!verifiedAppends(appended, now)) {
                change = new Change.Rewritten(settings.settle()); // it grew, but not by an append
            }
        }
        if (change instanceof Change.Rewritten rewritten) {
            long remaining = rewritten.holdStill().toNanos() - (nanos - pending.sinceNanos());
            if (remaining > 0) {
                recheckIn(remaining);
                return;
            }
        }
        // A verified pure append that only a full load can apply, or a change that held still.
        Attempt attempt = attempt();
        if (!attempt.before.equals(pending.versions()) || attempt.moved) {
            // It moved while or since we waited: a write still going on. Wait for it again.
            pending = new Pending(attempt.versions, System.nanoTime());
            recheckIn(settings.settle().toNanos());
            return;
        }
        pending = null;
        apply(attempt);
    }

    /**
     * Tables that grew: only their new whole lines are parsed and checked, and the new snapshot
     * shares everything else with the one in force ({@link RuleLoader#appended} verifies the
     * old bytes by the CRC-32C kept from their read). True when that was done (or nothing whole
     * was added yet); false when the change needs a full load: then the files are checked as a
     * pure append byte for byte ({@link #verifiedAppends}), and anything else waits to settle.
     * After a refusal the rules in force are older than the files, so only a full load will do.
     */
    private boolean appendedInPlace(Change.Appended change, Map<Path, FileVersion> now) {
        if (lastRefusal.isEmpty()) {
            RuleLoader.Loaded previous = inForce;
            Optional<RuleLoader.Loaded> grown = appender.appended(previous, change.loadedLengths().keySet());
            if (grown.isPresent()) {
                pending = null;
                if (grown.get().rules() == previous.rules()) {
                    lastSeen = now; // nothing whole yet: the writer's next bytes change the stat again
                } else {
                    // The versions were stat'ed before the read: bytes written since show up as a change.
                    apply(new Attempt(grown.get(), now, now, false));
                }
                return true;
            }
        }
        return false;
    }

    /** Whether every grown file is the loaded one plus whole lines: then a full load at once. */
    private boolean verifiedAppends(Change.Appended change, Map<Path, FileVersion> now) {
        for (Path path : change.loadedLengths().keySet()) {
            if (!verifiedAppend(path, now.get(path), current.sources().get(path))) {
                return false;
            }
        }
        return true;
    }

    /** What a change seen on disk is, and so when it may be put in force. */
    sealed interface Change {
        /**
         * Every changed file is a table or list that only grew by whole lines: in force at once.
         *
         * @param loadedLengths each appended file's length in the load in force
         */
        record Appended(Map<Path, Long> loadedLengths) implements Change {
        }

        /** Anything else: in force once it has held still for {@code holdStill}. */
        record Rewritten(Duration holdStill) implements Change {
        }

        /** A table or list that vanished, under {@link MissingTables#REFUSE}: never in force. */
        record Vanished() implements Change {
        }
    }

    /**
     * The one place a change is classified, each changed file on its own, the strictest
     * winning:
     *
     * <ul>
     *   <li>a table or list gone, under {@link MissingTables#REFUSE}: {@link Change.Vanished};
     *   <li>an emptied table or list: {@link #EMPTY_HOLD} (or the settle time if longer), longer
     *       than a writer pauses between its truncate and its first write;
     *   <li>a pure append to a table or list (see {@link #appended}): nothing to wait for;
     *   <li>anything else (an edit, a creation, a rename-over, a banner, a vanished table under
     *       {@link MissingTables#EMPTY}): the settle time.
     * </ul>
     */
    private Change classify(Map<Path, FileVersion> now) {
        Duration wait = Duration.ZERO;
        Map<Path, Long> appends = new HashMap<>();
        Map<Path, RuleLoader.Stamp> sources = current.sources();
        for (Map.Entry<Path, FileVersion> e : now.entrySet()) {
            Path path = e.getKey();
            FileVersion before = lastSeen.get(path);
            FileVersion after = e.getValue();
            if (after.equals(before)) {
                continue;
            }
            boolean source = sources.containsKey(path) || tables.contains(path);
            Duration needed = settings.settle();
            if (!after.exists() && before != null && before.exists() && source
                    && settings.missingTables() == MissingTables.REFUSE) {
                return new Change.Vanished();
            } else if (after.exists() && after.size() == 0 && source) {
                needed = EMPTY_HOLD.compareTo(settings.settle()) > 0 ? EMPTY_HOLD : settings.settle();
            } else if (grew(path, current.versions().get(path), after)) {
                appends.put(path, loadedLength(path));
                needed = Duration.ZERO;
            }
            if (needed.compareTo(wait) > 0) {
                wait = needed;
            }
        }
        return wait.isZero() && !appends.isEmpty() ? new Change.Appended(Map.copyOf(appends)) : new Change.Rewritten(wait);
    }

    /**
     * Whether {@code path} may only have grown since the load in force: the same file (file key),
     * longer than what was loaded. Cheap (no read): {@link #appendedInPlace} then verifies it.
     */
    private boolean grew(Path path, FileVersion before, FileVersion after) {
        long loaded = loadedLength(path);
        return loaded >= 0 && before != null && before.exists() && after.exists() && before.fileKey().isPresent()
                && before.fileKey().equals(after.fileKey()) && after.size() > loaded;
    }

    /** The bytes of {@code path} the rules in force were read from, or -1 when it was not read. */
    private long loadedLength(Path path) {
        RuleLoader.TableRead table = inForce.tables().get(path);
        if (table != null) {
            return table.consumed();
        }
        RuleLoader.Stamp stamp = current.sources().get(path);
        return stamp == null ? -1 : stamp.length();
    }

    /**
     * Whether {@code path} is the file that was loaded plus whole lines: its first bytes still
     * those that were loaded (their CRC-32C) and the new bytes ending in a newline.
     */
    private boolean verifiedAppend(Path path, FileVersion after, RuleLoader.Stamp loaded) {
        if (loaded == null || after == null || !(files.read(path) instanceof FileAccess.Content content)) {
            return false;
        }
        byte[] bytes = content.bytes();
        return bytes.length == after.size() && bytes.length > loaded.length() && bytes[bytes.length - 1] == '\n'
                && loaded.isPrefixOf(bytes);
    }

    private void refuseVanished(Map<Path, FileVersion> now) {
        List<Diagnostic> problems = new ArrayList<>();
        for (Map.Entry<Path, FileVersion> e : now.entrySet()) {
            FileVersion before = lastSeen.get(e.getKey());
            if (!e.getValue().exists() && before != null && before.exists()) {
                problems.add(Diagnostic.at(Diagnostic.Level.ERROR, e.getKey().toString(), 0,
                        "vanished: the rules in force stay until it is back (a rule file half way through a"
                                + " delete-and-recreate is no rule file); to clear it on purpose, write an empty file"));
            }
        }
        lastSeen = now;
        pending = null;
        refuse(problems);
    }

    private void recheckIn(long nanos) {
        if (recheck != null) {
            recheck.cancel(false);
        }
        try {
            // One millisecond late at worst, so that the wait has surely passed.
            recheck = executor.schedule(this::checkQuietly, nanos + TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closedMeanwhile) {
            recheck = null;
        }
    }

    /**
     * @param before the files as stat'ed before the read
     * @param versions the files as stat'ed after it
     * @param moved whether a file changed while it was read, on every try
     */
    private record Attempt(RuleLoader.Loaded loaded, Map<Path, FileVersion> before, Map<Path, FileVersion> versions,
            boolean moved) {
    }

    /**
     * Loads until the files hold still: stat, read, stat again; a file that moved while it was
     * read (an editor half way through a save) is read again.
     */
    private Attempt attempt() {
        Attempt attempt = null;
        for (int i = 0; i < STABLE_ATTEMPTS; i++) {
            Set<Path> known = new LinkedHashSet<>(tables);
            if (lastSeen != null) {
                known.addAll(lastSeen.keySet());
            }
            Map<Path, FileVersion> before = FileStats.stat(known);
            RuleLoader.Loaded loaded = boundedLoad();
            Map<Path, FileVersion> after = FileStats.stat(loaded.paths());
            boolean still = true;
            for (Map.Entry<Path, FileVersion> e : after.entrySet()) {
                FileVersion earlier = before.get(e.getKey());
                if (earlier != null && !earlier.equals(e.getValue())) {
                    still = false;
                }
            }
            attempt = new Attempt(loaded, before, after, !still);
            if (still) {
                return attempt;
            }
        }
        return attempt; // still moving after three reads: refused by apply, looked at again later
    }

    /**
     * One load on the load thread, waited for at most the load timeout. A load that does not
     * finish (a file system that hangs a read) is abandoned to its thread, and a load that
     * fails with anything, an Error included, is a refusal: the rules in force stay.
     */
    private RuleLoader.Loaded boundedLoad() {
        Future<RuleLoader.Loaded> load;
        try {
            load = loads.submit(loader::get);
        } catch (RejectedExecutionException e) {
            return failed("not loaded: " + MAX_STUCK_LOADS + " earlier loads are still stuck reading the files"
                    + " (a hung file system?)");
        }
        try {
            return load.get(settings.loadTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            load.cancel(true);
            return failed("not loaded: the load did not finish within " + settings.loadTimeout().toMillis()
                    + " ms (a file that blocks, a hung file system?)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            ThreadBoundary.report(LOG, "loading the rule files", cause);
            return failed("not loaded: " + cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            load.cancel(true);
            return failed("not loaded: interrupted");
        }
    }

    /** A load that produced nothing: the rules in force with the reason, refused (at startup: thrown). */
    private RuleLoader.Loaded failed(String why) {
        Diagnostic problem = new Diagnostic(Diagnostic.Level.FATAL, Optional.empty(), why);
        Snapshot s = current;
        if (s == null) {
            throw new RulesRejectedException(List.of(problem));
        }
        return new RuleLoader.Loaded(s.rules(), s.versions().keySet(), List.of(problem), s.sources(), Set.of(), Map.of());
    }

    private List<Diagnostic> apply(Attempt attempt) {
        List<Diagnostic> problems = attempt.loaded.problems();
        lastSeen = attempt.versions;
        if (attempt.moved) {
            List<Diagnostic> all = new ArrayList<>(problems);
            all.add(new Diagnostic(Diagnostic.Level.FATAL, Optional.empty(),
                    "not loaded: the files changed during each of " + STABLE_ATTEMPTS + " reads; looked at again when they hold still"));
            lastSeen = attempt.before; // so the next check sees a change and waits for it to settle
            refuse(all);
            return all;
        }
        if (refused(problems)) {
            refuse(problems);
            return problems;
        }
        Snapshot next = snapshot(attempt, current.generation() + 1);
        current = next;
        inForce = attempt.loaded;
        lastRefusal = Optional.empty();
        if (!problems.isEmpty()) {
            LOG.warn("rule files reloaded with {} problem(s):\n{}", problems.size(),
                    problems.stream().map(Diagnostic::toString).collect(Collectors.joining("\n")));
        } else {
            LOG.info("rule files reloaded: {} rules", next.rules().ruleCount());
        }
        tell(new ReloadEvent(true, next.generation(), next.rules().ruleCount(), problems, next.loadedAt()));
        watchDirectories(next.versions().keySet());
        return problems;
    }

    private void refuse(List<Diagnostic> problems) {
        ReloadEvent event = new ReloadEvent(false, current.generation(), current.rules().ruleCount(), problems,
                Instant.now());
        lastRefusal = Optional.of(event);
        LOG.error("rule files refused, the rules loaded at {} stay in force:\n{}", current.loadedAt(),
                errors(problems).stream().map(Diagnostic::toString).collect(Collectors.joining("\n")));
        tell(event);
    }

    private Snapshot snapshot(Attempt attempt, long generation) {
        return new Snapshot(attempt.loaded.rules(), attempt.loaded.problems(), attempt.versions,
                attempt.loaded.sources(), generation, Instant.now());
    }

    /** A reload event timed from now; JFR makes begin() a no-op when no recording wants it. */
    private static FlightEvents.Reload begun() {
        FlightEvents.Reload event = new FlightEvents.Reload();
        event.begin();
        return event;
    }

    private void tell(ReloadEvent event) {
        FlightEvents.Reload recorded = flight;
        if (recorded.shouldCommit()) {
            recorded.outcome = event.applied() ? "applied" : "refused";
            recorded.generation = event.generation();
            recorded.ruleCount = event.ruleCount();
            recorded.problems = event.problems().size();
            recorded.files = current.versions().keySet().stream().map(Path::toString).sorted()
                    .collect(Collectors.joining(","));
            recorded.commit();
        }
        for (ReloadListener listener : listeners) {
            ThreadBoundary.run(LOG, "reload listener", () -> listener.onReload(event));
        }
    }

    /** Refused: strict mode's errors, and in every mode a load too large, too slow or failed (FATAL). */
    private boolean refused(List<Diagnostic> problems) {
        return RuleLoader.refuses(problems, settings.mode() == Mode.STRICT);
    }

    static List<Diagnostic> errors(List<Diagnostic> problems) {
        return RuleLoader.errors(problems);
    }

    // ---- WatchService: a hint to check now; polling stays the guarantee --------------------

    private void startWatching() {
        try {
            watcher = FileSystems.getDefault().newWatchService();
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("no WatchService, polling every {}", settings.interval(), e);
            return;
        }
        watchDirectories(current.versions().keySet());
        watchThread = new Thread(this::watchLoop, "hosts-access-watch");
        watchThread.setDaemon(true);
        watchThread.start();
    }

    private void watchDirectories(Set<Path> paths) {
        WatchService w = watcher;
        if (w == null) {
            return;
        }
        synchronized (watchedDirectories) {
            for (Path p : paths) {
                Path dir = p.toAbsolutePath().getParent();
                if (dir != null && watchedDirectories.add(dir)) {
                    try {
                        dir.register(w, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                                StandardWatchEventKinds.ENTRY_MODIFY);
                    } catch (IOException | RuntimeException e) {
                        watchedDirectories.remove(dir);
                        LOG.debug("cannot watch {}; polling covers it", dir, e);
                    }
                }
            }
        }
    }

    private void watchLoop() {
        while (!closed) {
            try {
                var key = watcher.take();
                key.pollEvents();
                key.reset();
                if (!closed) {
                    executor.execute(this::checkQuietly);
                }
            } catch (InterruptedException | ClosedWatchServiceException | RejectedExecutionException e) {
                return; // closed
            } catch (Throwable t) {
                // Polling still covers every change; the watcher only makes it sooner.
                ThreadBoundary.report(LOG, "watching the rule directories", t);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
        loads.shutdownNow();
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException e) {
                LOG.debug("closing the WatchService", e);
            }
        }
        if (watchThread != null) {
            try {
                watchThread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
            // A load stuck in a read is left to its daemon thread; a finished one ends at once.
            loads.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
