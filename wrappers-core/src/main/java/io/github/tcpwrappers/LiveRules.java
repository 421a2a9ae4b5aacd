package io.github.tcpwrappers;

import io.github.tcpwrappers.evaluation.RuleSet;
import io.github.tcpwrappers.files.FileVersion;
import io.github.tcpwrappers.files.RuleLoader;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the rules in force in step with the files: one immutable snapshot at a time, replaced
 * whole. Changes are found by stat'ing every file the snapshot was read from (mtime, size, file
 * key: edits in place, rename-over, creation, deletion, ConfigMap symlink swaps), on a poll of
 * the reload interval and at once when a WatchService sees the directories move. Loading runs
 * on its own thread, never on a caller's.
 */
final class LiveRules implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("io.github.tcpwrappers.reload");
    private static final int STABLE_ATTEMPTS = 3;
    private static final int SETTLE_ROUNDS = 5;
    private static final long SETTLE_MILLIS = 20;

    /** One load: the compiled rules, what loading found, and what the files looked like. */
    record Snapshot(RuleSet rules, List<Diagnostic> problems, Map<Path, FileVersion> versions, long generation,
            Instant loadedAt) {
    }

    private final Supplier<RuleLoader.Loaded> loader;
    private final Appender appender;
    private final Set<Path> tables;
    private final Mode mode;
    private final Duration interval;
    private final List<ReloadListener> listeners;
    private final ScheduledExecutorService executor;
    private final Object loading = new Object();
    private volatile Snapshot current;
    /** The load behind {@link #current}: what an append grows. */
    private volatile RuleLoader.Loaded inForce;
    private volatile Map<Path, FileVersion> lastSeen;
    private volatile Optional<ReloadEvent> lastRefusal = Optional.empty();
    private WatchService watcher;
    private Thread watchThread;
    private final Set<Path> watchedDirectories = new HashSet<>();
    private volatile boolean closed;

    /**
     * Loads the first snapshot.
     *
     * @throws RulesRejectedException when strict mode refuses the files
     */
    LiveRules(Set<Path> tables, Supplier<RuleLoader.Loaded> loader, Mode mode, Duration interval,
            List<ReloadListener> listeners) {
        this(tables, loader, (previous, changed) -> Optional.empty(), mode, interval, listeners);
    }

    /**
     * Grows the load in force by the lines appended to its tables (see
     * {@link RuleLoader#appended}), or says that only a full load will do.
     */
    @FunctionalInterface
    interface Appender {
        Optional<RuleLoader.Loaded> appended(RuleLoader.Loaded previous, Set<Path> changed);
    }

    /** As above; {@code appender} applies appends to the tables without a full load. */
    LiveRules(Set<Path> tables, Supplier<RuleLoader.Loaded> loader, Appender appender, Mode mode, Duration interval,
            List<ReloadListener> listeners) {
        this.tables = Set.copyOf(tables);
        this.loader = loader;
        this.appender = appender;
        this.mode = mode;
        this.interval = interval;
        this.listeners = List.copyOf(listeners);
        Attempt first = attempt(0);
        if (refused(first.loaded.problems())) {
            throw new RulesRejectedException(errors(first.loaded.problems()));
        }
        this.current = snapshot(first, 1);
        this.inForce = first.loaded;
        this.lastSeen = first.versions;
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, "hosts-access-reload");
            t.setDaemon(true);
            return t;
        });
        pool.setRemoveOnCancelPolicy(true);
        this.executor = pool;
        if (!interval.isZero()) {
            long millis = Math.max(1, interval.toMillis());
            executor.scheduleWithFixedDelay(this::checkQuietly, millis, millis, TimeUnit.MILLISECONDS);
            startWatching();
        }
    }

    /** The snapshot in force. */
    Snapshot current() {
        return current;
    }

    /** With a zero interval: the snapshot in force after checking the files, off the caller's thread. */
    CompletionStage<Snapshot> fresh() {
        if (!interval.isZero()) {
            return CompletableFuture.completedStage(current);
        }
        return CompletableFuture.supplyAsync(() -> {
            checkQuietly();
            return current;
        }, executor);
    }

    /** Loads now, on the caller's thread. */
    List<Diagnostic> reloadNow() {
        synchronized (loading) {
            return apply(attempt(current.generation()));
        }
    }

    ReloadStatus status() {
        Snapshot s = current;
        return new ReloadStatus(s.generation(), s.loadedAt(), s.rules().ruleCount(), s.versions(), lastRefusal);
    }

    private void checkQuietly() {
        if (closed) {
            return;
        }
        try {
            synchronized (loading) {
                Map<Path, FileVersion> seen = lastSeen;
                Map<Path, FileVersion> now = FileVersion.of(seen.keySet());
                if (!now.equals(seen) && !appendedOnly(seen, now)) {
                    settle(now);
                    apply(attempt(current.generation()));
                }
            }
        } catch (RuntimeException e) {
            // A reload must never take the engine down; the rules in force stay.
            LOG.error("checking rule files failed; keeping the rules in force", e);
        }
    }

    /**
     * A pure append (tables grew by whole lines, their old bytes intact) takes effect at once and
     * costs only its new lines: no settling, since every whole line is a whole rule. A partial
     * last line waits for its newline. After a refusal the rules in force are older than the
     * files, so only a full load can tell what to do.
     */
    private boolean appendedOnly(Map<Path, FileVersion> seen, Map<Path, FileVersion> now) {
        if (lastRefusal.isPresent()) {
            return false;
        }
        Set<Path> changed = new HashSet<>();
        now.forEach((path, version) -> {
            if (!version.equals(seen.get(path))) {
                changed.add(path);
            }
        });
        RuleLoader.Loaded previous = inForce;
        Optional<RuleLoader.Loaded> grown = appender.appended(previous, changed);
        if (grown.isEmpty()) {
            return false;
        }
        if (grown.get().rules() == previous.rules()) {
            lastSeen = now; // nothing whole yet; the writer's next bytes change the stat again
        } else {
            apply(new Attempt(grown.get(), now)); // versions stat'ed before the read: later bytes show up
        }
        return true;
    }

    /**
     * Waits until the files hold still for a moment: an in-place save is a truncate then a
     * write, and loading between the two would put an empty table in force.
     */
    private void settle(Map<Path, FileVersion> changed) {
        Map<Path, FileVersion> previous = changed;
        for (int i = 0; i < SETTLE_ROUNDS; i++) {
            try {
                Thread.sleep(SETTLE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Map<Path, FileVersion> now = FileVersion.of(previous.keySet());
            if (now.equals(previous)) {
                return;
            }
            previous = now;
        }
    }

    private record Attempt(RuleLoader.Loaded loaded, Map<Path, FileVersion> versions) {
    }

    /**
     * Loads until the files hold still: stat, read, stat again; a file that moved while it was
     * read (an editor half way through a save) is read again.
     */
    private Attempt attempt(long generation) {
        Attempt attempt = null;
        for (int i = 0; i < STABLE_ATTEMPTS; i++) {
            Set<Path> known = new HashSet<>(tables);
            if (lastSeen != null) {
                known.addAll(lastSeen.keySet());
            }
            Map<Path, FileVersion> before = FileVersion.of(known);
            RuleLoader.Loaded loaded = loader.get();
            Map<Path, FileVersion> after = FileVersion.of(loaded.paths());
            attempt = new Attempt(loaded, after);
            boolean still = true;
            for (Map.Entry<Path, FileVersion> e : after.entrySet()) {
                FileVersion earlier = before.get(e.getKey());
                if (earlier != null && !earlier.equals(e.getValue())) {
                    still = false;
                }
            }
            if (still) {
                return attempt;
            }
        }
        return attempt; // still moving after three reads: take the last; the next poll looks again
    }

    private List<Diagnostic> apply(Attempt attempt) {
        List<Diagnostic> problems = attempt.loaded.problems();
        lastSeen = attempt.versions;
        if (refused(problems)) {
            ReloadEvent event = new ReloadEvent(false, current.generation(), current.rules().ruleCount(),
                    problems, Instant.now());
            lastRefusal = Optional.of(event);
            LOG.error("rule files refused, the rules loaded at {} stay in force:\n{}", current.loadedAt(),
                    errors(problems).stream().map(Diagnostic::toString).collect(Collectors.joining("\n")));
            tell(event);
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

    private Snapshot snapshot(Attempt attempt, long generation) {
        return new Snapshot(attempt.loaded.rules(), attempt.loaded.problems(), attempt.versions, generation,
                Instant.now());
    }

    private void tell(ReloadEvent event) {
        for (ReloadListener listener : listeners) {
            try {
                listener.onReload(event);
            } catch (RuntimeException e) {
                LOG.warn("reload listener failed", e);
            }
        }
    }

    private boolean refused(List<Diagnostic> problems) {
        return mode == Mode.STRICT && !errors(problems).isEmpty();
    }

    static List<Diagnostic> errors(List<Diagnostic> problems) {
        return problems.stream().filter(d -> d.level() != Diagnostic.Level.WARNING).toList();
    }

    // ---- WatchService: a hint to check now; polling stays the guarantee --------------------

    private void startWatching() {
        try {
            watcher = FileSystems.getDefault().newWatchService();
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("no WatchService, polling every {}", interval, e);
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
        try {
            while (!closed) {
                var key = watcher.take();
                key.pollEvents();
                key.reset();
                if (!closed) {
                    executor.execute(this::checkQuietly);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException | java.util.concurrent.RejectedExecutionException e) {
            // closed
        }
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
