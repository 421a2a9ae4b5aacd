/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.lists;

import io.github.tcpwrappers.effects.StartRate;
import io.github.tcpwrappers.effects.ThreadBoundary;
import io.github.tcpwrappers.files.RuleLoader;
import io.github.tcpwrappers.language.HostPattern;
import io.github.tcpwrappers.spi.ListSource;
import io.github.tcpwrappers.value.Command;
import io.github.tcpwrappers.value.Durations;
import io.github.tcpwrappers.value.ListEntry;
import io.github.tcpwrappers.value.ListMatch;
import io.github.tcpwrappers.value.ListStatus;
import io.github.tcpwrappers.value.Network;
import io.github.tcpwrappers.value.VerdictChange;
import java.net.InetAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's bound lists: their sources, the thread that tells doors of expiries, the
 * subscribers to verdict changes, fleet-wide bans from Java and from rules.
 *
 * <p>A rule bans its client with a {@code spawn} of the documented command
 * {@value #BAN_COMMAND} (by that name or any path ending in it, such as
 * {@code /usr/local/bin/tcpwrappers-ban}): {@code spawn tcpwrappers-ban /etc/hosts.ban %a 1h reason words}. When
 * the list path is bound, the engine writes the ban to the list's source instead of starting a
 * process (bounded in rate, and skipped when the client is already on the list); an unbound
 * path runs as any spawn, so a host whose libwrap reads the same file runs a program of that name.
 */
public final class ListBindings implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("io.github.tcpwrappers.lists");
    /** The spawn command the engine carries out itself for bound lists. */
    public static final String BAN_COMMAND = "tcpwrappers-ban";
    /** The ban time when a ban command gives none. */
    public static final Duration DEFAULT_BAN = Duration.ofHours(1);
    /** The most entries one list holds unless the builder says otherwise. */
    public static final int DEFAULT_MAX_ENTRIES = 2_000_000;
    /** The longest ban a rule may write. */
    public static final Duration MAX_BAN = Duration.ofDays(365);
    private static final long SWEEP_MILLIS = 250;
    /** Changes waiting for the subscribers before a list's further changes are folded. */
    public static final int MAX_PENDING = 256;

    private final Map<Path, LiveList> lists = new LinkedHashMap<>();
    private final Clock clock;
    private final boolean denyUntilDelivered;
    private final String origin;
    private final StartRate banRate;
    private final List<Consumer<VerdictChange>> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicLong changes = new AtomicLong();
    /**
     * The engine's one thread that tells subscribers of verdict changes, in order: started by a
     * change, gone after 2 s idle, so an engine whose doors hold nothing open holds no thread.
     */
    private final ThreadPoolExecutor teller = new ThreadPoolExecutor(1, 1, 2, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "hosts-access-verdict-changes");
                t.setDaemon(true);
                return t;
            });
    /**
     * Changes not told yet, in order. Bounded: past {@link #MAX_PENDING} a list's changes fold
     * into one pending {@code ListReplaced} of that list (every open connection decided again,
     * a superset of what the folded changes concerned), so a storm behind a slow subscriber costs
     * memory in lists, not in bans.
     */
    private final ArrayDeque<VerdictChange> pending = new ArrayDeque<>();
    /** Whether a task of the teller is draining {@link #pending}; guarded by it. */
    private boolean telling;
    private ScheduledThreadPoolExecutor sweeper;
    private long bansDropped;

    /**
     * @param sources bound paths to their sources
     * @param clock the clock expiries are judged by
     * @param maxEntries the most entries one list may hold
     * @param denyUntilDelivered refuse every request while a list has never been delivered
     * @param origin what rule-written bans name as their origin
     * @param bansPerSecond rule-written bans per second, at most
     */
    public ListBindings(Map<Path, ListSource> sources, Clock clock, int maxEntries, boolean denyUntilDelivered,
            String origin, int bansPerSecond) {
        this.clock = clock;
        this.denyUntilDelivered = denyUntilDelivered;
        this.origin = origin;
        this.banRate = new StartRate(bansPerSecond, System::nanoTime);
        teller.allowCoreThreadTimeOut(true);
        sources.forEach((path, source) -> lists.put(RuleLoader.boundKey(path),
                new LiveList(path, source, clock, maxEntries, this::publish, denyUntilDelivered)));
    }

    /** What the rule loader binds: the lists by {@link RuleLoader#boundKey}. */
    public Map<Path, HostPattern.Membership> memberships() {
        return Map.copyOf(lists);
    }

    public boolean isEmpty() {
        return lists.isEmpty();
    }

    /** Starts every source and the expiry sweep. */
    public void start() {
        if (lists.isEmpty()) {
            return;
        }
        sweeper = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "hosts-access-lists");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(ThreadBoundary.guarded(LOG, "sweeping list expiries", () -> {
            for (LiveList list : lists.values()) {
                list.sweep();
            }
        }), SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        for (LiveList list : lists.values()) {
            try {
                list.source().start(list);
            } catch (RuntimeException e) {
                list.unavailable("cannot start: " + e);
            }
        }
    }

    /** Adds a subscriber to verdict changes; closing the result removes it. */
    public AutoCloseable subscribe(Consumer<VerdictChange> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** Grows with every change published: verdicts remembered under one value may be stale under the next. */
    public long changes() {
        return changes.get();
    }

    /**
     * Counts the change at once (a door's next request decides again), then tells every
     * subscriber on the engine's verdict-change thread, never the publisher's: a list source's
     * delivery, a ban's caller or the reload must not wait while doors decide again for what
     * they hold open. A subscriber's failure reaches no one else.
     */
    public void publish(VerdictChange change) {
        changes.incrementAndGet();
        if (subscribers.isEmpty()) {
            return;
        }
        synchronized (pending) {
            VerdictChange queued = pending.size() >= MAX_PENDING && change instanceof VerdictChange.ListChanged c
                    ? new VerdictChange.ListReplaced(c.list()) : change;
            // The contains scan runs only past the bound, over at most MAX_PENDING + lists + reloads.
            if (pending.size() < MAX_PENDING || !pending.contains(queued)) {
                pending.add(queued);
            }
            if (telling) {
                return;
            }
            telling = true;
        }
        try {
            teller.execute(this::tell);
        } catch (RejectedExecutionException closed) {
            synchronized (pending) {
                LOG.debug("engine closed: {} verdict changes not told", pending.size());
                pending.clear();
                telling = false;
            }
        }
    }

    /** On the teller: every pending change, in order, to every subscriber, until none is left. */
    private void tell() {
        while (true) {
            VerdictChange change;
            synchronized (pending) {
                change = pending.poll();
                if (change == null) {
                    telling = false;
                    return;
                }
            }
            for (Consumer<VerdictChange> s : subscribers) {
                ThreadBoundary.run(LOG, "verdict change subscriber", () -> s.accept(change));
            }
        }
    }

    /** Whether every request is refused now: {@code DENY_ALL} startup and a list not delivered yet. */
    public boolean refusesAll() {
        if (denyUntilDelivered) {
            for (LiveList list : lists.values()) {
                if (!list.delivered()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Waits until every list was delivered once, at most {@code timeout}; whether they were. */
    public boolean awaitDelivered(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean all = true;
            for (LiveList list : lists.values()) {
                all &= list.delivered();
            }
            if (all) {
                return true;
            }
            if (System.nanoTime() - end >= 0) {
                return false;
            }
            Thread.sleep(10);
        }
    }

    public List<ListStatus> statuses() {
        List<ListStatus> out = new ArrayList<>();
        for (LiveList list : lists.values()) {
            out.add(list.status());
        }
        return List.copyOf(out);
    }

    /** Every bound list's entry holding {@code address}. */
    public List<ListMatch> matches(InetAddress address) {
        List<ListMatch> out = new ArrayList<>();
        for (LiveList list : lists.values()) {
            list.match(address).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /**
     * Bans {@code network} on the bound list {@code path} for {@code ttl}: in force here at
     * once, and written to the source for the fleet.
     */
    public CompletionStage<Void> ban(Path path, Network network, Duration ttl, String reason) {
        Durations.positive("ban time", ttl);
        LiveList list = bound(path);
        Instant expires = ttl.compareTo(MAX_BAN) > 0 ? clock.instant().plus(MAX_BAN) : clock.instant().plus(ttl);
        ListEntry entry = new ListEntry(network, expires, origin, reason);
        list.update(List.of(entry), List.of());
        return list.source().ban(entry);
    }

    /** Removes {@code network}'s entry from the bound list {@code path}, here at once and for the fleet. */
    public CompletionStage<Void> unban(Path path, Network network) {
        LiveList list = bound(path);
        list.update(List.of(), List.of(network));
        return list.source().unban(network);
    }

    private LiveList bound(Path path) {
        LiveList list = lists.get(RuleLoader.boundKey(path));
        if (list == null) {
            throw new IllegalArgumentException(path + " is not a bound list (bound: " + lists.keySet() + ")");
        }
        return list;
    }

    /**
     * Carries out a spawn of {@value #BAN_COMMAND} on a bound list; false when the command is
     * anything else (or names an unbound list), which then runs as any spawn.
     * {@code tcpwrappers-ban LIST ADDRESS [TTL [REASON...]]}, TTL as {@code 90}, {@code 90s},
     * {@code 30m}, {@code 1h}, {@code 7d}.
     */
    public boolean intercept(Command spawn) {
        String[] words = spawn.commandLine().trim().split("[ \t]+");
        if (words.length < 3 || !(words[0].equals(BAN_COMMAND) || words[0].endsWith("/" + BAN_COMMAND))) {
            return false;
        }
        LiveList list;
        try {
            list = lists.get(RuleLoader.boundKey(Path.of(words[1])));
        } catch (InvalidPathException e) {
            return false;
        }
        if (list == null) {
            return false;
        }
        Network network;
        Duration ttl;
        try {
            network = Network.parse(words[2]);
            ttl = words.length > 3 ? ListEntry.ttl(words[3]) : DEFAULT_BAN;
        } catch (IllegalArgumentException e) {
            LOG.warn("{} \"{}\": {}; nothing banned", BAN_COMMAND, spawn.commandLine(), e.getMessage());
            return true;
        }
        String reason = words.length > 4 ? String.join(" ", List.of(words).subList(4, words.length)) : "banned by rule";
        if (reason.length() > ListEntry.MAX_TEXT) {
            reason = reason.substring(0, ListEntry.MAX_TEXT);
        }
        if (list.match(network.address()).filter(m -> m.entry().network().prefix() <= network.prefix()).isPresent()) {
            return true; // already banned: the fleet knows, nothing to write
        }
        boolean admitted;
        synchronized (banRate) {
            admitted = banRate.tryTake();
            if (!admitted) {
                bansDropped++;
            }
        }
        if (!admitted) {
            LOG.warn("{}: ban rate limit reached, {} not banned ({} dropped in all)", BAN_COMMAND, network, bansDropped);
            return true;
        }
        String why = reason;
        ban(list.path(), network, ttl, why).whenComplete((done, failure) -> {
            if (failure != null) {
                LOG.error("list {}: ban of {} not written to {}: {} (in force here until it expires)", list.path(),
                        network, list.source().name(), failure.toString());
            }
        });
        return true;
    }

    @Override
    public void close() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        teller.shutdownNow();
        for (LiveList list : lists.values()) {
            list.close();
            ThreadBoundary.run(LOG, "closing list source " + list.source().name(), () -> list.source().close());
        }
        subscribers.clear();
    }

    /** For status lines: the list bound at a path. */
    public Optional<ListStatus> status(Path path) {
        LiveList list = lists.get(RuleLoader.boundKey(path));
        return list == null ? Optional.empty() : Optional.of(list.status());
    }
}
