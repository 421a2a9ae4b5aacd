/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.lists;

import io.github.tcpwrappers.language.HostPattern;
import io.github.tcpwrappers.spi.ListSink;
import io.github.tcpwrappers.spi.ListSource;
import io.github.tcpwrappers.value.ListEntry;
import io.github.tcpwrappers.value.ListMatch;
import io.github.tcpwrappers.value.ListStatus;
import io.github.tcpwrappers.value.Network;
import io.github.tcpwrappers.value.VerdictChange;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bound list: what its source delivered, in force as one immutable {@link State} behind a
 * volatile reference, so a decision sees all of an update or none of it and an update never
 * waits for a decision. The state is a large base table, an overlay of recent changes
 * (tombstones hide removed base entries) and, over it, a handful of the newest changes: a delta
 * copies only that handful (256 at most), which is merged into the overlay once
 * full, so a single ban costs microseconds whatever the list holds. Once the overlay outgrows a
 * thirty-second of the base it is frozen and folded into a new base on a thread of the list's
 * own, while deltas go on into a fresh overlay; the new base goes in force with the overlays of
 * that moment, so no delta waits for a fold.
 * Expiries are compared with the clock at decision time.
 */
public final class LiveList implements HostPattern.Membership, ListSink {
    private static final Logger LOG = LoggerFactory.getLogger("io.github.tcpwrappers.lists");
    /** Overlay entries kept before folding, at least. */
    private static final int MIN_OVERLAY = 4096;
    /** The overlay is folded once it holds more than the base's size over this. */
    private static final int OVERLAY_SHARE = 32;
    /** Changes kept in the newest level before they are merged into the overlay. */
    static final int RECENT = 256;
    /** Networks named one by one in a change; a larger change is told as a replacement. */
    static final int MAX_NAMED_CHANGES = 4096;
    /** How often an outage is logged again at ERROR while it lasts. */
    private static final long REPEAT_ERROR_MILLIS = 60_000;

    /**
     * The list in force: the base, the overlay being folded into it (empty unless a fold runs),
     * the overlay of the changes since, the newest changes over that, and the prefix lengths any
     * of them holds. A network is decided by the first of recent, overlay, folding, base that
     * holds it.
     */
    private record State(AddressTable base, AddressTable folding, AddressTable overlay, AddressTable recent,
            long lengths0, long lengths1, long lengths2) {
        static State of(AddressTable base, AddressTable folding, AddressTable overlay, AddressTable recent) {
            return new State(base, folding, overlay, recent,
                    base.lengths0 | folding.lengths0 | overlay.lengths0 | recent.lengths0,
                    base.lengths1 | folding.lengths1 | overlay.lengths1 | recent.lengths1,
                    base.lengths2 | folding.lengths2 | overlay.lengths2 | recent.lengths2);
        }

        int entries() {
            return base.size() - base.tombstones() + folding.size() - folding.tombstones() + overlay.size()
                    - overlay.tombstones() + recent.size() - recent.tombstones();
        }
    }

    private static final State NONE = State.of(AddressTable.EMPTY, AddressTable.EMPTY, AddressTable.EMPTY,
            AddressTable.EMPTY);

    private final boolean refusedUntilDelivered;
    private final Path path;
    private final ListSource source;
    private final Clock clock;
    private final int maxEntries;
    private final Consumer<VerdictChange> changes;
    private final ThreadLocal<long[]> scratch = ThreadLocal.withInitial(() -> new long[2]);
    private volatile State state = NONE;
    /** Runs folds, one at a time; started with the first fold, stopped by {@link #close}. */
    private final ExecutorService folder;
    // Guarded by this: what the status reports.
    private volatile ListStatus.State standing = ListStatus.State.WAITING;
    private volatile Optional<Instant> lastDelivery = Optional.empty();
    private volatile Optional<String> lastError = Optional.empty();
    private volatile Optional<Instant> lastSync = Optional.empty();
    private volatile Optional<Instant> downSince = Optional.empty();
    // written under this, read by status() on any thread
    private volatile long updates;
    private volatile long failures;
    private long lastErrorLogged = Long.MIN_VALUE;
    /** Expiries up to here were told by a sweep: a rebuild may drop those entries, not later ones. */
    private volatile long swept;
    private volatile boolean closed;
    /** Folds put in force (guarded by this). */
    private int folds;

    /**
     * @param path the path as bound (for messages and changes)
     * @param source where the list comes from
     * @param clock the clock expiries are judged by
     * @param maxEntries the most entries a delivery may bring; a larger one is refused and the list in force stays
     * @param changes told after every change is in force
     * @param refusedUntilDelivered whether the engine refuses everyone until this list arrives
     *        ({@code ListStartup.DENY_ALL}): only the startup ERROR says which
     */
    public LiveList(Path path, ListSource source, Clock clock, int maxEntries, Consumer<VerdictChange> changes,
            boolean refusedUntilDelivered) {
        this.refusedUntilDelivered = refusedUntilDelivered;
        this.path = path;
        this.source = source;
        this.clock = clock;
        this.maxEntries = maxEntries;
        this.changes = changes;
        this.swept = clock.millis();
        // one fold at a time; the thread ends when idle, so a list nobody closes holds none
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "hosts-access-list-fold " + path);
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        this.folder = pool;
    }

    public Path path() {
        return path;
    }

    public ListSource source() {
        return source;
    }

    /** Whether the source has delivered a list at least once. */
    public boolean delivered() {
        return standing != ListStatus.State.WAITING;
    }

    public ListStatus status() {
        State s = state;
        Optional<Instant> synced = lastSync;
        Optional<Duration> lag = synced.map(t -> {
            Duration d = Duration.between(t, clock.instant());
            return d.isNegative() ? Duration.ZERO : d;
        });
        return new ListStatus(path, source.name(), source.kind(), standing, s.entries(), lastDelivery, synced, downSince,
                lag, updates, failures, lastError);
    }

    // ---- deciding (any thread, no allocation, no lock) --------------------------------------

    @Override
    public boolean contains(String address) {
        long[] key = scratch.get();
        return Addresses.parse(address, key) && contains(key[0], key[1], clock.millis());
    }

    /** Whether the 128-bit address is held by an entry live at {@code nowMillis}. */
    public boolean contains(long hi, long lo, long nowMillis) {
        return findSlot(state, hi, lo, nowMillis, null) >= 0;
    }

    /** The most specific live entry holding {@code address}. */
    public Optional<ListMatch> match(InetAddress address) {
        State s = state;
        AddressTable[] table = new AddressTable[1];
        int slot = findSlot(s, Addresses.hi(address), Addresses.lo(address), clock.millis(), table);
        return slot < 0 ? Optional.empty() : Optional.of(new ListMatch(status(), table[0].entry(slot)));
    }

    /** Longest prefix first: the newest level that holds a network decides it (recent, overlay, folding, base). */
    private static int findSlot(State s, long hi, long lo, long now, AddressTable[] which) {
        for (int word = 2; word >= 0; word--) {
            long bits = word == 2 ? s.lengths2() : word == 1 ? s.lengths1() : s.lengths0();
            while (bits != 0) {
                int bit = 63 - Long.numberOfLeadingZeros(bits);
                bits &= ~(1L << bit);
                int p = word * 64 + bit;
                long mh = hi & Addresses.maskHi(p);
                long ml = lo & Addresses.maskLo(p);
                AddressTable table = s.recent();
                int slot = table.find(mh, ml, p);
                if (slot < 0) {
                    table = s.overlay();
                    slot = table.find(mh, ml, p);
                }
                if (slot < 0) {
                    table = s.folding();
                    slot = table.find(mh, ml, p);
                }
                if (slot < 0) {
                    table = s.base();
                    slot = table.find(mh, ml, p);
                }
                if (slot >= 0 && table.liveAt(slot, now)) {
                    if (which != null) {
                        which[0] = table;
                    }
                    return slot;
                }
            }
        }
        return -1;
    }

    // ---- delivering (the source's threads, one at a time) -----------------------------------

    @Override
    public synchronized void replace(Collection<ListEntry> entries) {
        if (closed) {
            return;
        }
        if (entries.size() > maxEntries) {
            unavailable("delivered " + entries.size() + " entries, more than the limit of " + maxEntries
                    + ": refused");
            return;
        }
        long now = clock.millis();
        AddressTable.Builder base = new AddressTable.Builder(entries.size());
        for (ListEntry e : entries) {
            if (AddressTable.millis(e.expires()) > now) {
                base.add(e);
            }
        }
        // a fold under way folds what this replaces: its result is dropped (see folded)
        state = State.of(base.build(), AddressTable.EMPTY, AddressTable.EMPTY, AddressTable.EMPTY);
        delivered(now);
        changes.accept(new VerdictChange.ListReplaced(path));
    }

    @Override
    public synchronized void update(Collection<ListEntry> added, Collection<Network> removed) {
        if (closed) {
            return;
        }
        State s = state;
        long now = clock.millis();
        AddressTable.Builder delta = new AddressTable.Builder(added.size() + removed.size());
        for (Network n : removed) {
            delta.tombstone(n);
        }
        for (ListEntry e : added) {
            delta.add(e);
        }
        // an overlay entry that expired stays till the fold: it still hides an older entry below
        int foldAt = Math.max(MIN_OVERLAY, s.base().size() / OVERLAY_SHARE);
        AddressTable overlay = s.overlay();
        AddressTable recent;
        if (s.recent().size() + delta.count() <= RECENT) {
            recent = s.recent().with(delta, RECENT); // the common case: a copy of a few KB
        } else {
            // full: the newest level goes into the overlay with this delta, in one copy of the overlay
            AddressTable.Builder merged = new AddressTable.Builder(s.recent().size() + delta.count());
            s.recent().forEach((table, slot) -> table.copyTo(slot, merged));
            delta.copyAllTo(merged);
            overlay = overlay.with(merged, foldAt + 2 * merged.count());
            recent = AddressTable.EMPTY;
        }
        int held = s.base().size() + s.folding().size() + overlay.size() - overlay.tombstones() + recent.size()
                - recent.tombstones();
        if (held > maxEntries) {
            unavailable("an update would hold " + held + " entries, more than the limit of " + maxEntries
                    + ": refused");
            return;
        }
        State updated = State.of(s.base(), s.folding(), overlay, recent);
        if (s.folding() == AddressTable.EMPTY && overlay.size() > foldAt) {
            updated = State.of(s.base(), overlay, AddressTable.EMPTY, recent);
            startFold(updated);
        }
        state = updated;
        delivered(now);
        if (added.size() + removed.size() > MAX_NAMED_CHANGES) {
            changes.accept(new VerdictChange.ListReplaced(path));
        } else {
            List<Network> networks = new ArrayList<>(added.size() + removed.size());
            networks.addAll(removed);
            for (ListEntry e : added) {
                networks.add(e.network());
            }
            // Set.copyOf is the one copy: the change keeps an immutable set as it is
            changes.accept(new VerdictChange.ListChanged(path, Set.copyOf(networks)));
        }
    }

    /** Folds {@code from}'s folding overlay into its base on the fold thread. */
    private void startFold(State from) {
        try {
            folder.execute(() -> {
                try {
                    folded(from, fold(from.base(), from.folding(), swept));
                } catch (RuntimeException | OutOfMemoryError e) {
                    LOG.error("list {}: folding its recent changes failed ({}); they stay in force as they are", path,
                            e.toString());
                    folded(from, null);
                }
            });
        } catch (RejectedExecutionException closing) {
            // closed meanwhile: nothing more is delivered
        }
    }

    /**
     * Puts a fold's base in force with the overlay of now, unless a snapshot replaced the list
     * meanwhile (then the fold's result is stale and dropped). A failed fold ({@code null})
     * merges its overlay back, so the next delta tries again.
     */
    private synchronized void folded(State from, AddressTable base) {
        State s = state;
        if (s.folding() != from.folding()) {
            return;
        }
        if (base != null) {
            state = State.of(base, AddressTable.EMPTY, s.overlay(), s.recent());
            folds++;
            return;
        }
        AddressTable.Builder merged = new AddressTable.Builder(s.folding().size() + s.overlay().size());
        s.folding().forEach((table, slot) -> {
            if (s.overlay().find(table.hiAt(slot), table.loAt(slot), table.prefixAt(slot)) < 0) {
                table.copyTo(slot, merged);
            }
        });
        s.overlay().forEach((table, slot) -> table.copyTo(slot, merged));
        state = State.of(s.base(), AddressTable.EMPTY, merged.build(), s.recent());
    }

    /**
     * One base from base and overlay: what the overlay holds replaces the base's, tombstones go,
     * and so do entries whose expiry a sweep has told ({@code told}); an entry expired since
     * stays until the next sweep has told the doors.
     */
    private static AddressTable fold(AddressTable base, AddressTable overlay, long told) {
        AddressTable.Builder merged = new AddressTable.Builder(base.size() + overlay.size());
        base.forEach((table, slot) -> {
            if (!table.isTombstone(slot) && table.expiresAt(slot) > told
                    && overlay.find(table.hiAt(slot), table.loAt(slot), table.prefixAt(slot)) < 0) {
                table.copyTo(slot, merged);
            }
        });
        overlay.forEach((table, slot) -> {
            if (!table.isTombstone(slot) && table.expiresAt(slot) > told) {
                table.copyTo(slot, merged);
            }
        });
        return merged.build();
    }

    private void delivered(long now) {
        lastDelivery = Optional.of(Instant.ofEpochMilli(now));
        updates++;
        synced(now);
    }

    /** The source found nothing new: the list in force is current. */
    @Override
    public synchronized void current() {
        if (closed || standing == ListStatus.State.WAITING) {
            return; // nothing was delivered yet: no list to call current
        }
        synced(clock.millis());
    }

    private void synced(long now) {
        lastSync = Optional.of(Instant.ofEpochMilli(now));
        if (standing == ListStatus.State.SNAPSHOT) {
            LOG.info("list {}: {} delivers again", path, source.name());
        }
        standing = ListStatus.State.LIVE;
        lastError = Optional.empty();
        downSince = Optional.empty();
    }

    @Override
    public synchronized void unavailable(String message) {
        if (closed) {
            return;
        }
        long now = clock.millis();
        boolean news = lastError.isEmpty() || !lastError.get().equals(message);
        lastError = Optional.of(message);
        failures++;
        if (downSince.isEmpty()) {
            downSince = Optional.of(Instant.ofEpochMilli(now));
        }
        if (standing == ListStatus.State.LIVE) {
            standing = ListStatus.State.SNAPSHOT;
        }
        if (news || now - lastErrorLogged >= REPEAT_ERROR_MILLIS) {
            lastErrorLogged = now;
            String what = message.startsWith(source.name()) ? message : source.name() + ": " + message;
            if (standing == ListStatus.State.WAITING) {
                LOG.error(refusedUntilDelivered
                        ? "list {}: {}; no list yet: every request is refused until it arrives (ListStartup.DENY_ALL)"
                        : "list {}: {}; no list yet: the rules are served without it", path, what);
            } else {
                LOG.error("list {}: {}; the last list delivered stays in force ({} entries)", path, what,
                        status().entries());
            }
        }
    }

    /** Folds put in force so far (for tests). */
    synchronized int folds() {
        return folds;
    }

    /** Whether a fold is under way (for tests). */
    boolean folding() {
        return state.folding() != AddressTable.EMPTY;
    }

    /** Ignores every later delivery (the engine closed) and stops the fold thread. */
    void close() {
        closed = true;
        folder.shutdownNow();
    }

    /**
     * Tells of the entries that expired since the last sweep, so doors end connections a lapsed
     * allow entry no longer covers. Called on the engine's list thread.
     */
    public void sweep() {
        long now = clock.millis();
        State s = state;
        List<Network> expired = new ArrayList<>();
        long after = swept;
        s.base().expiredBetween(after, now, expired, MAX_NAMED_CHANGES + 1);
        s.folding().expiredBetween(after, now, expired, MAX_NAMED_CHANGES + 1);
        s.overlay().expiredBetween(after, now, expired, MAX_NAMED_CHANGES + 1);
        s.recent().expiredBetween(after, now, expired, MAX_NAMED_CHANGES + 1);
        swept = now;
        if (expired.size() > MAX_NAMED_CHANGES) {
            changes.accept(new VerdictChange.ListReplaced(path));
        } else if (!expired.isEmpty()) {
            changes.accept(new VerdictChange.ListChanged(path, Set.copyOf(expired)));
        }
    }
}
