/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.redis;

import io.github.tcpwrappers.spi.ListSink;
import io.github.tcpwrappers.spi.ListSource;
import io.github.tcpwrappers.value.Durations;
import io.github.tcpwrappers.value.ListEntry;
import io.github.tcpwrappers.value.Network;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScoredValueScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fleet-wide list kept in Redis (standalone, Sentinel or Cluster), for
 * {@code HostsAccess.Builder#bindList}. The durable structures are the truth (a sorted set of
 * networks by expiry and a hash of origins and reasons, see {@link RedisLayout} and the module's
 * README for the layout other tools may write); a pub/sub message after every write wakes every
 * reader, which applies it at once, together with any messages queued meanwhile (one update for
 * a burst, so a storm of bans costs a few updates, not one per ban). A reader reads the whole
 * list at startup, after every reconnect, whenever a message is missing (the version counter
 * jumped) and every {@link Builder#resyncInterval}; it checks the version every
 * {@link Builder#checkInterval}, so a lost message costs at most that long. Expiries are judged
 * by each engine at decision time.
 *
 * <pre>{@code
 * RedisList bans = RedisList.builder(RedisURI.create("redis://:secret@10.0.0.5:6379")).list("bans").build();
 * HostsAccess access = HostsAccess.builder().bindList(Path.of("/etc/hosts.ban"), bans).build();
 * access.ban(Path.of("/etc/hosts.ban"), Network.parse("203.0.113.7"), Duration.ofHours(1), "ssh brute force");
 * }</pre>
 *
 * <p>Commands run on a thread of the source's own, never on Lettuce's event loop; every
 * command is bounded by {@link Builder#commandTimeout}, a list by {@link Builder#maxEntries}, and
 * entries that cannot be read (not a network, control characters, texts too long) are refused,
 * counted and logged.
 */
public final class RedisList implements ListSource {
    private static final Logger LOG = LoggerFactory.getLogger(RedisList.class);
    private static final int SCAN_BATCH = 10_000;
    /**
     * The least time between two drains after one that applied more than one change (a burst
     * is under way): each update has a cost of its own on every reader (a copy of the list's
     * newest level, the doors told), so a storm's messages go in as at most 50 updates a second
     * rather than one each, while lone bans, however close together, wait for nothing.
     */
    private static final long DRAIN_SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /**
     * The least time between two writes of less than a full batch after one that carried more
     * than one change (a burst is under way): a writer's storm then reaches Redis and every
     * reader as at most 50 messages a second (each reader wakes for every message), while lone
     * bans, however close together, go at once, and a bulk import is not slowed (a full batch
     * goes as soon as the write before it is done).
     */
    private static final long WRITE_SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Builder config;
    private final RedisLayout layout;
    private final String name;
    private final ScheduledExecutorService thread;
    private final ClientResources resources;
    // Touched only on {@link #thread}.
    private Link link;
    private ListSink sink;
    private long version = -1;
    /** A version seen ahead of {@link #version} by the last check, or -1. */
    private long aheadSeen = -1;
    private boolean connected;
    /** Whether a {@link #readSoon} waits for its moment. */
    private boolean readPending;
    private long lastFullRead;
    private volatile boolean closed;
    /** Change messages heard on Lettuce's event loop, applied together by {@link #drain}. */
    private final Queue<String> inbox = new ConcurrentLinkedQueue<>();
    /** Whether a drain is queued on {@link #thread} and has not started yet. */
    private final AtomicBoolean draining = new AtomicBoolean();
    /** When the last drain started ({@link System#nanoTime}) and how many changes it applied; read on Lettuce's event loop. */
    private volatile long lastDrain = System.nanoTime() - DRAIN_SPACING_NANOS;
    private volatile int lastDrainChanges;
    /** Bans and unbans waiting for the next write. */
    private final Queue<Change> outbox = new ConcurrentLinkedQueue<>();
    /** Whether a flush is queued on {@link #thread} and has not started yet (as {@link #draining}). */
    private final AtomicBoolean flushing = new AtomicBoolean();
    /** Whether a write is in flight. Touched only on {@link #thread}. */
    private boolean writing;
    /** When the last write began ({@link System#nanoTime}) and how many changes it carried. Touched only on {@link #thread}. */
    private long lastWrite = System.nanoTime() - WRITE_SPACING_NANOS;
    private int lastWriteChanges;

    private RedisList(Builder config) {
        this.config = config;
        this.layout = new RedisLayout(config.list);
        this.name = describe(config) + " list " + config.list;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "redis-list-" + config.list);
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.thread = executor;
        // No command latency recording: Lettuce records every command's latency whenever LatencyUtils
        // is on the class path, a cost on the event loop with no reader here.
        this.resources = ClientResources.builder().ioThreadPoolSize(1).computationThreadPoolSize(1)
                .commandLatencyRecorder(CommandLatencyRecorder.disabled())
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), config.retryInterval, 2, TimeUnit.MILLISECONDS))
                .build();
    }

    /**
     * A list at a standalone or Sentinel ({@code redis-sentinel://}) URI.
     *
     * @param uri the Redis server or Sentinel set holding the list
     * @return a builder for that list
     */
    public static Builder builder(RedisURI uri) {
        return new Builder(List.of(Objects.requireNonNull(uri, "uri")), false);
    }

    /**
     * A list in a Redis Cluster, reached through any of {@code seeds}.
     *
     * @param seeds some of the cluster's nodes
     * @return a builder for that list
     */
    public static Builder cluster(List<RedisURI> seeds) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one seed");
        }
        return new Builder(List.copyOf(seeds), true);
    }

    /** Where the list is, without any password: {@code redis://127.0.0.1:6379/0}. */
    private static String describe(Builder config) {
        return config.uris.stream().map(u -> {
            if (u.getSentinels() != null && !u.getSentinels().isEmpty()) {
                return "redis-sentinel://" + u.getSentinels().stream().map(s -> s.getHost() + ":" + s.getPort())
                        .collect(Collectors.joining(",")) + " master " + u.getSentinelMasterId();
            }
            return (u.isSsl() ? "rediss://" : "redis://") + u.getHost() + ":" + u.getPort()
                    + (config.cluster ? "" : "/" + u.getDatabase());
        }).collect(Collectors.joining(",", config.cluster ? "redis-cluster " : "", ""));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return "redis";
    }

    /** {@return the Redis keys and channel of this list (for tools and tests)} */
    public List<String> keys() {
        return List.of(layout.entries, layout.meta, layout.version, layout.channel);
    }

    @Override
    public void start(ListSink sink) {
        thread.execute(() -> {
            this.sink = sink;
            lastFullRead = System.nanoTime(); // the first read is the connect's, not a periodic one
            connect();
        });
        long check = Math.max(1, config.checkInterval.toMillis());
        thread.scheduleWithFixedDelay(this::check, check, check, TimeUnit.MILLISECONDS);
    }

    // ---- reading: all on the source's thread -------------------------------------------------

    private void connect() {
        if (closed || connected) {
            return;
        }
        try {
            if (link == null) {
                link = Link.open(config, resources, new Listener());
            }
            link.subscribe(layout.channel);
            connected = true;
            readSoon("connected");
        } catch (RuntimeException e) {
            connected = false;
            failed(e);
        }
    }

    /** The periodic check: connect if down, read it all if the version moved or the resync interval passed. */
    private void check() {
        if (closed || sink == null) {
            return;
        }
        if (!connected) {
            connect();
            return;
        }
        try {
            long now = System.nanoTime();
            if (!readPending && now - lastFullRead >= config.resyncInterval.toNanos()) {
                readAll("periodic resync");
                return;
            }
            long v = currentVersion();
            if (v == version) {
                aheadSeen = -1;
                sink.current(); // nothing missed: the list in force is current, its lag starts again
            } else if (v == aheadSeen || v < version) {
                // Ahead for a whole interval (its message is lost), or behind (Redis lost data): read it all.
                readSoon("version " + v + " after " + version + " (a change was not heard)");
            } else {
                aheadSeen = v; // its message may be on the way: look again next time
            }
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private long currentVersion() {
        String v = link.sync().get(layout.version);
        if (v == null) {
            return 0;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(layout.version + " is not a number: " + v.substring(0, Math.min(40, v.length())));
        }
    }

    /**
     * Reads the whole list now, or, with a {@link Builder#readJitter}, after a random part of it:
     * what asks for it (a start, a reconnect, a lost message) tends to happen to the whole fleet
     * at once, and the jitter spreads the fleet's reads. Asked again meanwhile, it still reads once.
     */
    private void readSoon(String why) {
        if (config.readJitter.isZero()) {
            readAll(why);
            return;
        }
        if (readPending) {
            return;
        }
        readPending = true;
        long delay = ThreadLocalRandom.current().nextLong(config.readJitter.toNanos());
        thread.schedule(() -> {
            readPending = false;
            if (connected && !closed) {
                try {
                    readAll(why);
                } catch (RuntimeException e) {
                    failed(e);
                }
            }
        }, delay, TimeUnit.NANOSECONDS);
    }

    /** Reads the whole list and hands it over, or says why not (the list in force then stays). */
    private void readAll(String why) {
        RedisClusterCommands<String, String> redis = link.sync();
        long v = currentVersion();
        long count = redis.zcard(layout.entries);
        if (count > config.maxEntries) {
            sink.unavailable(layout.entries + " holds " + count + " entries, more than the limit of "
                    + config.maxEntries + ": refused");
            version = v;
            lastFullRead = System.nanoTime();
            return;
        }
        long now = config.clock.millis();
        List<ListEntry> entries = new ArrayList<>((int) count);
        Refusals refused = new Refusals();
        ScanCursor cursor = ScanCursor.INITIAL;
        ScanArgs batch = ScanArgs.Builder.limit(SCAN_BATCH);
        do {
            ScoredValueScanCursor<String> page = redis.zscan(layout.entries, cursor, batch);
            List<ScoredValue<String>> live = new ArrayList<>();
            for (ScoredValue<String> sv : page.getValues()) {
                if (sv.getScore() > now) {
                    live.add(sv);
                }
            }
            if (!live.isEmpty()) {
                String[] members = live.stream().map(ScoredValue::getValue).toArray(String[]::new);
                List<KeyValue<String, String>> metas = redis.hmget(layout.meta, members);
                for (int i = 0; i < members.length; i++) {
                    Optional<String> meta = i < metas.size() && metas.get(i).hasValue()
                            ? Optional.of(metas.get(i).getValue()) : Optional.empty();
                    try {
                        entries.add(RedisLayout.entry(members[i], RedisLayout.expiry(live.get(i).getScore()), meta));
                    } catch (IllegalArgumentException e) {
                        refused.add(members[i], e.getMessage());
                    }
                }
            }
            if (entries.size() > config.maxEntries) {
                sink.unavailable(layout.entries + " grew past the limit of " + config.maxEntries + " while read: refused");
                return;
            }
            cursor = page;
        } while (!cursor.isFinished());
        version = v;
        lastFullRead = System.nanoTime();
        refused.log();
        sink.replace(entries);
        LOG.debug("{}: read {} entries ({}), version {}", name, entries.size(), why, v);
    }

    /**
     * Applies every change message queued since the last drain as one {@link ListSink#update}:
     * a storm of bans costs the engine a few updates, not one per ban. The messages are folded in
     * order (the last word on a network wins), so the update is what applying them one by one
     * would have left. Anything that needs a full read (a gap in the versions, a message that
     * cannot be read) drops what was folded so far: the read holds it.
     */
    private void drain() {
        draining.set(false); // a message queued from here on schedules another drain
        lastDrain = System.nanoTime();
        if (!connected || closed) {
            inbox.clear();
            return;
        }
        // Every message heard so far, taken before any read this drain may start, so one read holds them all.
        List<String> messages = new ArrayList<>();
        for (String message = inbox.poll(); message != null; message = inbox.poll()) {
            messages.add(message);
        }
        Map<Network, ListEntry> added = new LinkedHashMap<>();
        Set<Network> removed = new LinkedHashSet<>();
        long upTo = version;
        boolean readThisDrain = false;
        RedisLayout.ChangeReader line = new RedisLayout.ChangeReader();
        try {
            for (String message : messages) {
                boolean tooLong = message.length() > RedisLayout.MAX_MESSAGE;
                for (int start = 0, end; start <= message.length(); start = end + 1) {
                    end = tooLong ? message.length() : message.indexOf('\n', start);
                    end = end < 0 ? message.length() : end;
                    boolean readable = !tooLong && line.read(message, start, end);
                    long v = readable ? line.version() : -1;
                    if (readable && v <= upTo) {
                        continue; // already in the list read last
                    }
                    if (!readable || v != upTo + 1) {
                        if (!readThisDrain) {
                            added.clear();
                            removed.clear();
                            readSoon(readable ? "version " + v + " after " + upTo
                                    : tooLong ? "a message of " + message.length() + " characters"
                                    : "message \"" + line.printable() + "\"");
                            upTo = version;
                            readThisDrain = true;
                        }
                        continue;
                    }
                    upTo = v;
                    try {
                        if (line.isBan()) {
                            ListEntry entry = line.entry();
                            removed.remove(entry.network());
                            added.put(entry.network(), entry);
                        } else {
                            Network n = Network.parse(line.member());
                            added.remove(n);
                            removed.add(n);
                        }
                    } catch (IllegalArgumentException e) {
                        new Refusals().add(line.member(), e.getMessage()).log();
                    }
                }
            }
            if (!added.isEmpty() || !removed.isEmpty()) {
                sink.update(List.copyOf(added.values()), List.copyOf(removed));
            }
            lastDrainChanges = added.size() + removed.size();
            version = upTo;
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void failed(RuntimeException e) {
        connected = false;
        if (sink != null && !closed) {
            sink.unavailable(explain(e));
        }
    }

    /** A failure in words that name the source and, for a refused password, say so. */
    String explain(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = String.valueOf(root.getMessage());
        if (text.contains("WRONGPASS") || text.contains("NOAUTH") || text.contains("invalid password")
                || text.contains("invalid username-password")) {
            return name + ": authentication failed: " + text;
        }
        return name + ": " + root.getClass().getSimpleName() + ": " + text;
    }

    /** Entries refused in one read: counted, and the first few named. */
    private final class Refusals {
        private int count;
        private final List<String> examples = new ArrayList<>();

        Refusals add(String member, String why) {
            count++;
            if (examples.size() < 3) {
                examples.add("\"" + RedisLayout.printable(member) + "\": " + why);
            }
            return this;
        }

        void log() {
            if (count > 0) {
                LOG.warn("{}: {} malformed entries refused, e.g. {}", name, count, String.join("; ", examples));
            }
        }
    }

    /** Runs on the source's thread, unless it closed. */
    private void onThread(Runnable task) {
        onThreadAfter(task, 0);
    }

    private void onThreadAfter(Runnable task, long nanos) {
        try {
            thread.schedule(task, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closedMeanwhile) {
            // closed: nothing more to hear
        }
    }

    /** Hears Lettuce's connection events (on its event loop) and passes them to the source's thread. */
    private final class Listener extends RedisPubSubAdapter<String, String> implements RedisConnectionStateListener {
        @Override
        public void message(String channel, String message) {
            inbox.add(message);
            if (draining.compareAndSet(false, true)) {
                // A lone ban is applied at once; in a burst, one update per DRAIN_SPACING.
                long wait = lastDrain + DRAIN_SPACING_NANOS - System.nanoTime();
                if (wait <= 0 || lastDrainChanges <= 1) {
                    onThread(RedisList.this::drain);
                } else {
                    onThreadAfter(RedisList.this::drain, wait);
                }
            }
        }

        // Only the subscription's events count: the client also reports the short-lived
        // connections it opens to ask a Sentinel for the master or a Cluster for its topology,
        // whose end is no outage. A lost command connection shows at the next check.
        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            onThread(() -> {
                if (connected && !closed && link != null && link.isSubscription(connection)) {
                    connected = false;
                    sink.unavailable(name + ": disconnected");
                }
            });
        }

        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
            // Lettuce reconnected (and resubscribed): the list may have changed meanwhile.
            onThread(() -> {
                if (!connected && sink != null && !closed && link != null && link.isSubscription(connection)) {
                    connect();
                }
            });
        }
    }

    // ---- writing ---------------------------------------------------------------------------

    /**
     * Writes a ban for the fleet. Bans and unbans asked for while a write is in flight go
     * together in the next one: one script (ZADD, HSET, INCRBY, PUBLISH), atomic in Redis, and
     * one message to every reader, so a storm of bans costs Redis and the fleet a message per
     * burst, not one per ban. A lone ban is sent at once.
     */
    @Override
    public CompletionStage<Void> ban(ListEntry entry) {
        return write(new Change("ban", entry.network().toString(), RedisLayout.score(entry.expires()),
                RedisLayout.meta(entry)));
    }

    @Override
    public CompletionStage<Void> unban(Network network) {
        return write(new Change("unban", network.toString(), "", ""));
    }

    /** One ban or unban waiting for a write, with the future its caller holds. */
    private record Change(String kind, String member, String score, String meta, CompletableFuture<Void> done) {
        Change(String kind, String member, String score, String meta) {
            this(kind, member, score, meta, new CompletableFuture<>());
        }

        /** About the length of its line in the change message. */
        int chars() {
            return 32 + member.length() + score.length() + meta.length();
        }
    }

    private CompletionStage<Void> write(Change change) {
        outbox.add(change);
        flushAfter(0);
        return change.done;
    }

    /**
     * Queues a flush in {@code nanos} unless one is queued. Refused (the source closed), it fails
     * what waits and clears the flag, so every later write is refused too, not left waiting.
     */
    private void flushAfter(long nanos) {
        if (flushing.compareAndSet(false, true)) {
            try {
                thread.schedule(this::flush, nanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException closedMeanwhile) {
                flushing.set(false);
                failWaiting();
            }
        }
    }

    /**
     * Sends what waits as one write, unless one is in flight (its end sends the rest) or a burst
     * is under way (the last write carried more than one change and began less than
     * {@link #WRITE_SPACING_NANOS} ago) with less than a full batch waiting (then once that time
     * is up). On the source's thread.
     */
    private void flush() {
        flushing.set(false); // a change queued from here on queues another flush
        if (writing || outbox.isEmpty()) {
            return;
        }
        long wait = lastWrite + WRITE_SPACING_NANOS - System.nanoTime();
        if (wait > 0 && lastWriteChanges > 1 && !fullBatchWaits()) {
            flushAfter(wait);
            return;
        }
        lastWrite = System.nanoTime();
        List<Change> batch = new ArrayList<>();
        int chars = 0;
        for (Change next = outbox.peek(); next != null && batch.size() < RedisLayout.MAX_BATCH
                && (batch.isEmpty() || chars + next.chars() <= RedisLayout.MAX_BATCH_CHARS); next = outbox.peek()) {
            batch.add(outbox.poll());
            chars += next.chars();
        }
        lastWriteChanges = batch.size();
        String[] args = new String[2 + 4 * batch.size()];
        args[0] = layout.channel;
        args[1] = Long.toString(config.clock.millis());
        for (int i = 0; i < batch.size(); i++) {
            Change c = batch.get(i);
            args[2 + 4 * i] = c.kind;
            args[3 + 4 * i] = c.member;
            args[4 + 4 * i] = c.score;
            args[5 + 4 * i] = c.meta;
        }
        try {
            if (link == null) {
                link = Link.open(config, resources, new Listener());
            }
            writing = true;
            link.async().eval(RedisLayout.WRITE, ScriptOutputType.INTEGER,
                    new String[] {layout.entries, layout.meta, layout.version}, args).whenComplete((result, failure) -> {
                        if (failure != null) {
                            fail(batch, new IllegalStateException(explain(failure), failure));
                        } else {
                            batch.forEach(c -> c.done.complete(null));
                        }
                        onThread(() -> {
                            writing = false;
                            flush();
                        });
                    });
        } catch (RuntimeException e) {
            writing = false;
            fail(batch, new IllegalStateException(explain(e), e));
            onThread(this::flush);
        }
    }

    private boolean fullBatchWaits() {
        int n = 0;
        for (Iterator<Change> i = outbox.iterator(); i.hasNext() && n < RedisLayout.MAX_BATCH; i.next()) {
            n++;
        }
        return n == RedisLayout.MAX_BATCH;
    }

    /** Fails every change still waiting: the source closed before writing them. */
    private void failWaiting() {
        IllegalStateException closedFirst = new IllegalStateException(name + ": closed before the write was sent");
        for (Change c = outbox.poll(); c != null; c = outbox.poll()) {
            c.done.completeExceptionally(closedFirst);
        }
    }

    private static void fail(List<Change> changes, Exception why) {
        changes.forEach(c -> c.done.completeExceptionally(why));
    }

    /** {@return the entries Redis holds now, read once (for tools: {@code tcpwrappers-redis list})} */
    public List<ListEntry> read() {
        CompletableFuture<List<ListEntry>> out = new CompletableFuture<>();
        ListSink collector = new ListSink() {
            @Override
            public void replace(Collection<ListEntry> entries) {
                out.complete(List.copyOf(entries));
            }

            @Override
            public void update(Collection<ListEntry> added, Collection<Network> removed) {
            }

            @Override
            public void unavailable(String message) {
                out.completeExceptionally(new IllegalStateException(message));
            }
        };
        thread.execute(() -> {
            ListSink before = sink;
            sink = collector;
            try {
                if (link == null) {
                    link = Link.open(config, resources, new Listener());
                }
                readAll("read");
            } catch (RuntimeException e) {
                out.completeExceptionally(new IllegalStateException(explain(e), e));
            } finally {
                sink = before;
            }
        });
        return out.join();
    }

    @Override
    public void close() {
        closed = true;
        thread.execute(() -> {
            if (link != null) {
                link.close();
            }
        });
        thread.shutdown();
        try {
            thread.awaitTermination(config.commandTimeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failWaiting();
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    /** The connections of one source: commands and a subscription, standalone or cluster. */
    private interface Link {
        RedisClusterCommands<String, String> sync();

        RedisClusterAsyncCommands<String, String> async();

        void subscribe(String channel);

        /** Whether {@code connection} is this link's subscription. */
        boolean isSubscription(RedisChannelHandler<?, ?> connection);

        void close();

        static Link open(Builder config, ClientResources resources, Listener listener) {
            SocketOptions socket = SocketOptions.builder().connectTimeout(config.commandTimeout).build();
            TimeoutOptions timeouts = TimeoutOptions.enabled(config.commandTimeout);
            AbstractRedisClient client;
            Supplier<Link> connect;
            if (config.cluster) {
                RedisClusterClient cluster = RedisClusterClient.create(resources, config.uris);
                cluster.setOptions(ClusterClientOptions.builder().socketOptions(socket).timeoutOptions(timeouts)
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
                client = cluster;
                connect = () -> {
                    StatefulRedisClusterConnection<String, String> commands = cluster.connect();
                    return opened(commands.sync(), commands.async(), commands, cluster.connectPubSub(), cluster, listener);
                };
            } else {
                RedisClient standalone = RedisClient.create(resources, config.uris.get(0));
                standalone.setOptions(ClientOptions.builder().socketOptions(socket).timeoutOptions(timeouts)
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
                client = standalone;
                connect = () -> {
                    StatefulRedisConnection<String, String> commands = standalone.connect();
                    return opened(commands.sync(), commands.async(), commands, standalone.connectPubSub(), standalone,
                            listener);
                };
            }
            client.addListener(listener);
            try {
                return connect.get();
            } catch (RuntimeException e) {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
                throw e;
            }
        }

        private static Link opened(RedisClusterCommands<String, String> sync,
                RedisClusterAsyncCommands<String, String> async, StatefulConnection<?, ?> commands,
                StatefulRedisPubSubConnection<String, String> pubsub, AbstractRedisClient client, Listener listener) {
            pubsub.addListener((RedisPubSubListener<String, String>) listener);
            return new Opened(sync, async, pubsub, () -> {
                pubsub.close();
                commands.close();
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            });
        }
    }

    private record Opened(RedisClusterCommands<String, String> sync, RedisClusterAsyncCommands<String, String> async,
            StatefulRedisPubSubConnection<String, String> pubsub, Runnable closer) implements Link {
        @Override
        public void subscribe(String channel) {
            pubsub.sync().subscribe(channel);
        }

        @Override
        public boolean isSubscription(RedisChannelHandler<?, ?> connection) {
            return connection == pubsub;
        }

        @Override
        public void close() {
            closer.run();
        }
    }

    /** Configures a {@link RedisList}. */
    public static final class Builder {
        private final List<RedisURI> uris;
        private final boolean cluster;
        private String list = "bans";
        private Duration checkInterval = Duration.ofSeconds(1);
        private Duration resyncInterval = Duration.ofMinutes(5);
        private Duration retryInterval = Duration.ofSeconds(1);
        private Duration commandTimeout = Duration.ofSeconds(5);
        private Duration readJitter = Duration.ZERO;
        private int maxEntries = 2_000_000;
        private Clock clock = Clock.systemUTC();

        private Builder(List<RedisURI> uris, boolean cluster) {
            this.uris = uris;
            this.cluster = cluster;
        }

        /**
         * The list's name in Redis (default {@code bans}): keys {@code tcpwrappers:{NAME}:...}.
         *
         * @param name the list's name
         * @return this builder
         */
        public Builder list(String name) {
            new RedisLayout(name); // refuses a bad name here
            this.list = name;
            return this;
        }

        /**
         * How often the version is compared (default 1 s): the longest a lost message goes unrepaired.
         *
         * @param interval the time between version checks
         * @return this builder
         */
        public Builder checkInterval(Duration interval) {
            this.checkInterval = Durations.positive("check interval", interval);
            return this;
        }

        /**
         * How often the whole list is read even when nothing seems missing (default 5 min).
         *
         * @param interval the time between full reads
         * @return this builder
         */
        public Builder resyncInterval(Duration interval) {
            this.resyncInterval = Durations.positive("resync interval", interval);
            return this;
        }

        /**
         * Spreads the full reads a whole fleet would make at once (default zero: read at once).
         * A read asked for by a start, a reconnect or a lost message waits a random time of up
         * to {@code jitter} first; meanwhile the list in force stays (at startup: the file rules,
         * or the startup policy). For a fleet of N servers starting together, a jitter of T
         * makes N / T reads a second instead of N at once (see FLEET.md).
         *
         * @param jitter the longest wait before such a read
         * @return this builder
         */
        public Builder readJitter(Duration jitter) {
            this.readJitter = Durations.notNegative("read jitter", jitter);
            return this;
        }

        /**
         * The longest wait between connection attempts while Redis is down (default 1 s).
         *
         * @param interval the longest wait between attempts
         * @return this builder
         */
        public Builder retryInterval(Duration interval) {
            this.retryInterval = Durations.positive("retry interval", interval);
            return this;
        }

        /**
         * The longest one command or connection attempt may take (default 5 s).
         *
         * @param timeout the longest one command or attempt may take
         * @return this builder
         */
        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = Durations.positive("command timeout", timeout);
            return this;
        }

        /**
         * The most entries a list may hold (default 2,000,000); a larger one is refused.
         *
         * @param max the most entries
         * @return this builder
         */
        public Builder maxEntries(int max) {
            if (max <= 0) {
                throw new IllegalArgumentException("max entries must be positive: " + max);
            }
            this.maxEntries = max;
            return this;
        }

        /**
         * The clock lapsed entries are skipped by when reading and cleaned up by when writing.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /**
         * {@return the source, not started yet (the engine starts it)}
         */
        public RedisList build() {
            return new RedisList(this);
        }

    }
}
