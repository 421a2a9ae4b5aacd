/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.crowdsec;

import io.github.tcpwrappers.value.Durations;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import io.github.tcpwrappers.spi.ListSink;
import io.github.tcpwrappers.spi.ListSource;
import io.github.tcpwrappers.value.ListEntry;
import io.github.tcpwrappers.value.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CrowdSec bouncer: follows a Local API's decisions in stream mode ({@code GET
 * /v1/decisions/stream?startup=true}, then the deltas since the last pull) and holds the
 * {@code Ip} and {@code Range} bans in force, each with its expiry, origin and reason.
 *
 * <pre>{@code
 * CrowdSecBouncer bouncer = CrowdSecBouncer.builder(URI.create("http://127.0.0.1:8080"))
 *     .apiKey(System.getenv("CROWDSEC_BOUNCER_KEY"))   // cscli bouncers add jvm
 *     .build();                                        // polls from now on, off the caller's thread
 * bouncer.firstSync().toCompletableFuture().get(5, TimeUnit.SECONDS);
 * List<Ban> bans = bouncer.bans();
 *
 * // or as the list a rule names (hosts.deny:  ALL : /etc/hosts.crowdsec); the engine starts and closes it
 * HostsAccess access = HostsAccess.builder().bindList(Path.of("/etc/hosts.crowdsec"), bouncer).build();
 * }</pre>
 *
 * <p>It polls on a thread of its own every {@link Builder#pollInterval poll interval} (1 s by
 * default, each wait drawn between 80% and 100% of it so a fleet started together spreads out).
 * An exchange is bounded in time and bytes. When the LAPI is unreachable, refuses the key or
 * answers something broken, the last list stays in force (expiries keep running), the reason is
 * logged as an ERROR naming the LAPI and kept in {@link #status()}, retries back off up to
 * {@link Builder#maxRetryDelay}, and the first answer after a failure is a full startup pull, so
 * bans added and deleted meanwhile are right at once.
 *
 * <p><b>Deltas lose decisions; whole pulls repair them.</b> CrowdSec 1.4.6 answers a delta with
 * the decisions whose {@code created_at} is after the bouncer's last pull, then sets that last
 * pull to the time this pull <em>began</em>. {@code created_at} is stamped in the LAPI's memory
 * before the row is inserted, and the insert may wait for SQLite's lock (each pull writes the
 * bouncer's last pull; writers queue): a decision stamped before a pull began but committed after
 * its query is in no delta ever. Measured: 10 of 360 (ban, bouncer) pairs in a burst of 120 bans
 * to 3 bouncers polling every 100 ms. Only a startup pull brings such a decision, so the bouncer
 * makes one again as often as {@link Builder#resyncBytesPerSecond} allows for the list's size
 * (every poll for a small list), at least every {@link Builder#resyncInterval}, and after every
 * failure. A resync hands the engine only what changed.
 */
public final class CrowdSecBouncer implements ListSource {
    private static final Logger LOG = LoggerFactory.getLogger(CrowdSecBouncer.class);
    /** The poll thread's CPU for {@link Pull#applyCpu}: on a loaded host the wall time says little. */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    /** What a ban that never expires becomes: CrowdSec decisions always have a duration. */
    public static final Duration LONGEST_BAN = Duration.ofDays(3650);
    /** How often an unchanged failure is logged again while it lasts. */
    private static final Duration REPEAT_ERROR = Duration.ofMinutes(1);

    private final Builder config;
    private final String source;
    private final LapiClient lapi;
    private final ScheduledExecutorService poller;
    private final BanTable table = new BanTable();
    private final List<ListSink> sinks = new CopyOnWriteArrayList<>();
    private final Optional<CrowdSecWatcher> watcher;
    private final CompletableFuture<Void> firstSync = new CompletableFuture<>();
    private volatile List<Ban> bans = List.of();
    private volatile BouncerStatus status;
    // poll-thread state
    private boolean needsWhole = true;
    private boolean delivered;
    private long nextWholeNanos = System.nanoTime();
    private long wholePulls;
    private int failuresInARow;
    private String lastLoggedError = "";
    private Instant lastLoggedAt = Instant.MIN;
    private long polls;
    private long failures;
    private Optional<Instant> lastSync = Optional.empty();
    private Optional<Pull> lastPull = Optional.empty();

    private CrowdSecBouncer(Builder config) {
        this.config = config;
        this.source = "crowdsec " + config.lapi;
        this.status = new BouncerStatus(false, 0, Optional.empty(), Optional.empty(), 0, 0, 0, Optional.empty());
        String name = "crowdsec-bouncer " + config.lapi.getAuthority();
        this.lapi = new LapiClient(config.lapi, config.sslContext, config.requestTimeout, name);
        this.poller = Executors.newSingleThreadScheduledExecutor(LapiClient.daemons(name));
        this.watcher = config.machine.map(m -> {
            CrowdSecWatcher.Builder w = CrowdSecWatcher.builder(config.lapi).machine(m)
                    .requestTimeout(config.requestTimeout).clock(config.clock);
            config.sslContext.ifPresent(w::sslContext);
            return w.build();
        });
        poller.execute(this::poll);
    }

    /**
     * A builder for the Local API at {@code lapi}, e.g. {@code http://127.0.0.1:8080} or {@code https://lapi:8080}.
     *
     * @param lapi the Local API's base URI
     * @return a builder for a bouncer of that LAPI
     */
    public static Builder builder(URI lapi) {
        return new Builder(lapi);
    }

    /**
     * {@return the bans in force, one per network, as of the last answer (or the last list, while
     * the LAPI is down)}
     */
    public List<Ban> bans() {
        return bans;
    }

    /**
     * Completes once the first whole list has arrived; never fails (see {@link #status()} for why it waits).
     *
     * @return completes after the first whole list
     */
    public CompletionStage<Void> firstSync() {
        return firstSync.minimalCompletionStage();
    }

    /** {@return how the bouncer stands with its LAPI} */
    public BouncerStatus status() {
        return status;
    }

    /** Where the decisions come from, as errors and tcpdmatch name it: {@code crowdsec http://127.0.0.1:8080}. */
    @Override
    public String name() {
        return source;
    }

    @Override
    public String kind() {
        return "crowdsec";
    }

    /**
     * Delivers to {@code sink} the whole list now (if one has arrived) and each change after, on
     * the bouncer's thread; polling began at {@link Builder#build()}.
     */
    @Override
    public void start(ListSink sink) {
        Objects.requireNonNull(sink, "sink");
        poller.execute(() -> {
            sinks.add(sink);
            if (firstSync.isDone()) {
                sink.replace(entries(bans));
            }
        });
    }

    /**
     * Bans the entry's network fleet-wide as a CrowdSec decision, for the time left until its
     * expiry (at most {@link #LONGEST_BAN}), when the bouncer has {@link Builder#machine machine}
     * credentials; the decision comes back to every bouncer, this one included, on their next pull.
     */
    @Override
    public CompletionStage<Void> ban(ListEntry entry) {
        if (watcher.isEmpty()) {
            return ListSource.super.ban(entry);
        }
        Duration left = Duration.between(config.clock.instant(), entry.expires());
        if (entry.expires().equals(ListEntry.NEVER) || left.compareTo(LONGEST_BAN) > 0) {
            left = LONGEST_BAN;
        }
        if (left.isNegative() || left.isZero()) {
            return CompletableFuture.completedFuture(null); // expired already: nothing to enforce
        }
        return watcher.get().ban(entry.network(), left, entry.origin(), entry.reason());
    }

    /** Deletes every CrowdSec decision on the network, when the bouncer has machine credentials. */
    @Override
    public CompletionStage<Void> unban(Network network) {
        return watcher.isPresent() ? watcher.get().unban(network) : ListSource.super.unban(network);
    }

    private void poll() {
        if (poller.isShutdown()) {
            return;
        }
        polls++;
        Instant now = config.clock.instant();
        try {
            boolean whole = needsWhole || System.nanoTime() - nextWholeNanos >= 0;
            long t0 = System.nanoTime();
            byte[] body = fetch(whole);
            long t1 = System.nanoTime();
            long cpu0 = CPU.getCurrentThreadCpuTime();
            List<String> skipped;
            if (whole) {
                BanTable.Whole answer = StreamAnswer.tableFor(body);
                skipped = StreamAnswer.whole(body, config.clock.instant(), config.decisionTypes, answer);
                now = config.clock.instant();
                if (delivered) {
                    // only what changed goes to the engine: a resync that finds the list right costs the doors nothing
                    publish(table.reconcile(answer));
                    publish(table.expire(now));
                } else {
                    table.replace(answer);
                    table.expire(now);
                    publishAll();
                    delivered = true;
                }
            } else {
                StreamAnswer answer = StreamAnswer.delta(body, config.clock.instant(), config.decisionTypes);
                skipped = answer.skipped();
                now = config.clock.instant();
                publish(table.apply(answer.added(), answer.deleted()));
                publish(table.expire(now));
            }
            if (!skipped.isEmpty()) {
                LOG.warn("{}: left out {}", source, String.join("; ", skipped));
            }
            Pull pull = new Pull(whole, body.length, Duration.ofNanos(t1 - t0), Duration.ofNanos(System.nanoTime() - t1),
                    Duration.ofNanos(Math.max(0, CPU.getCurrentThreadCpuTime() - cpu0)));
            if (failuresInARow > 0) {
                LOG.info("{}: in sync again, {} bans in force", source, table.size());
            }
            if (whole && (failuresInARow > 0 || !firstSync.isDone())) {
                LOG.info("{}: startup pull, {} bans in force ({} bytes fetched in {} ms, applied in {} ms, {} ms of CPU)", source,
                        table.size(), pull.bytes(), pull.fetch().toMillis(), pull.apply().toMillis(), pull.applyCpu().toMillis());
            }
            if (whole) {
                nextWholeNanos = System.nanoTime() + resyncNanos(body.length);
                wholePulls++;
            }
            lastPull = Optional.of(pull);
            needsWhole = false;
            failuresInARow = 0;
            lastSync = Optional.of(now);
            for (ListSink sink : sinks) {
                sink.current(); // answered: what is in force is the LAPI's list of now
            }
            status = new BouncerStatus(true, table.size(), lastSync, Optional.empty(), polls, failures, wholePulls, lastPull);
            firstSync.complete(null);
        } catch (SourceException e) {
            failed(now, e.getMessage());
        } catch (RuntimeException e) {
            failed(now, "unexpected " + e);
        }
        schedule();
    }

    /**
     * The wait until the next whole pull after one of {@code bytes}: as long as the
     * {@linkplain Builder#resyncBytesPerSecond byte budget} says, at least a poll interval, at
     * most the {@linkplain Builder#resyncInterval resync interval}.
     */
    private long resyncNanos(long bytes) {
        double budget = bytes * 1e9 / config.resyncBytesPerSecond;
        long ceiling = config.resyncInterval.toNanos();
        return Math.max(config.pollInterval.toNanos(), budget >= ceiling ? ceiling : (long) budget);
    }

    private void failed(Instant now, String why) {
        failures++;
        failuresInARow++;
        needsWhole = true; // whatever was missed, the next answer is the whole list
        // expiries keep running while the LAPI is away
        publish(table.expire(now));
        String message = source + ": " + why + (firstSync.isDone() ? "; the last list stays in force"
                : "; no list yet");
        for (ListSink sink : sinks) {
            sink.unavailable(why);
        }
        // a bound engine logs the outage itself, naming its list; alone, the bouncer does
        if (sinks.isEmpty() && (!message.equals(lastLoggedError) || !now.isBefore(lastLoggedAt.plus(REPEAT_ERROR)))) {
            LOG.error(message);
            lastLoggedError = message;
            lastLoggedAt = now;
        }
        status = new BouncerStatus(firstSync.isDone(), table.size(), lastSync, Optional.of(message), polls, failures, wholePulls,
                lastPull);
    }

    private void schedule() {
        long interval = config.pollInterval.toNanos();
        if (failuresInARow > 0) {
            // back off: 2, 4, 8... intervals, up to the ceiling
            long factor = 1L << Math.min(failuresInARow, 20);
            interval = Math.min(config.maxRetryDelay.toNanos(), interval > Long.MAX_VALUE / factor ? Long.MAX_VALUE : interval * factor);
        }
        long low = (long) (interval * (1 - config.jitter));
        long delay = low >= interval ? interval : ThreadLocalRandom.current().nextLong(low, interval + 1);
        try {
            poller.schedule(this::poll, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // closed meanwhile
        }
    }

    private byte[] fetch(boolean whole) throws SourceException {
        HttpRequest.Builder request = lapi.request("/v1/decisions/stream" + (whole ? "?startup=true" : "")).GET();
        config.apiKey.ifPresent(key -> request.header("X-Api-Key", key));
        LapiClient.Answer answer = lapi.exchange(request.build(), config.maxResponseBytes);
        if (answer.status() == 200) {
            return answer.body();
        }
        if (answer.status() == 403 || answer.status() == 401) {
            throw new SourceException("HTTP " + answer.status() + " " + answer.said() + ": the LAPI refused this bouncer's "
                    + (config.apiKey.isPresent() ? "API key (cscli bouncers add NAME gives one)" : "client certificate"));
        }
        throw new SourceException("HTTP " + answer.status() + " " + answer.said());
    }

    private void publishAll() {
        List<Ban> all = table.entries();
        bans = all;
        if (!sinks.isEmpty()) {
            List<ListEntry> entries = entries(all);
            for (ListSink sink : sinks) {
                sink.replace(entries);
            }
        }
    }

    private void publish(BanTable.Change change) {
        if (change.isEmpty()) {
            return;
        }
        bans = table.entries();
        if (!sinks.isEmpty()) {
            List<ListEntry> put = entries(change.put());
            for (ListSink sink : sinks) {
                sink.update(put, change.gone());
            }
        }
    }

    private static List<ListEntry> entries(List<Ban> bans) {
        List<ListEntry> out = new ArrayList<>(bans.size());
        for (Ban ban : bans) {
            out.add(ban.toListEntry());
        }
        return out;
    }

    /** Stops polling; the list it held is no longer updated. */
    @Override
    public void close() {
        poller.shutdownNow();
        watcher.ifPresent(CrowdSecWatcher::close);
        lapi.close();
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * How the bouncer stands.
     *
     * @param synced whether a whole list has arrived
     * @param bans bans held, one per network
     * @param lastSync when the last answer was applied
     * @param lastError why the last exchange failed, naming the LAPI; empty once one succeeds
     * @param polls exchanges tried
     * @param failures exchanges failed
     * @param wholePulls startup pulls applied: the first, those after a failure, and the resyncs
     * @param lastPull the last answer applied
     */
    public record BouncerStatus(boolean synced, int bans, Optional<Instant> lastSync, Optional<String> lastError, long polls,
            long failures, long wholePulls, Optional<Pull> lastPull) {
    }

    /**
     * One answer applied: whether it was a startup pull, its size, the time from request to last
     * byte, and the time (wall and the poll thread's CPU) to parse it and put it in force.
     */
    public record Pull(boolean startup, long bytes, Duration fetch, Duration apply, Duration applyCpu) {
    }

    /** Settings; {@link #build()} starts the bouncer. */
    public static final class Builder {
        private final URI lapi;
        private Optional<String> apiKey = Optional.empty();
        private Optional<SSLContext> sslContext = Optional.empty();
        private Optional<Machine> machine = Optional.empty();
        private Duration pollInterval = Duration.ofSeconds(1);
        private double jitter = 0.2;
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration maxRetryDelay = Duration.ofSeconds(30);
        private Duration resyncInterval = Duration.ofMinutes(5);
        private long resyncBytesPerSecond = 32 * 1024;
        private long maxResponseBytes = 64L << 20;
        private Set<String> decisionTypes = Set.of("ban");
        private Clock clock = Clock.systemUTC();

        private Builder(URI lapi) {
            this.lapi = LapiClient.checkUrl(Objects.requireNonNull(lapi, "lapi"));
        }

        /**
         * The bouncer's key ({@code cscli bouncers add NAME}); sent as {@code X-Api-Key}, never logged.
         *
         * @param key the bouncer's API key
         * @return this builder
         */
        public Builder apiKey(String key) {
            if (key.isBlank() || key.chars().anyMatch(c -> c < 0x21 || c > 0x7E)) {
                throw new IllegalArgumentException("an API key is printable ASCII without spaces");
            }
            this.apiKey = Optional.of(key);
            return this;
        }

        /**
         * TLS for an {@code https://} LAPI: the trust for its certificate and, for client-certificate
         * auth (the LAPI's {@code tls.bouncers_allowed_ou}), a key manager with the bouncer's key;
         * with a client certificate the API key may be left out.
         *
         * @param context the TLS context
         * @return this builder
         */
        public Builder sslContext(SSLContext context) {
            this.sslContext = Optional.of(context);
            return this;
        }

        /**
         * A machine's login and password ({@code cscli machines add NAME --auto -f FILE}), so that
         * {@link CrowdSecBouncer#ban} and {@link CrowdSecBouncer#unban} (a bound list's writes,
         * {@code spawn tcpwrappers-ban} in a rule) become CrowdSec decisions for the whole fleet.
         *
         * @param login the machine's login
         * @param password the machine's password
         * @return this builder
         */
        public Builder machine(String login, String password) {
            this.machine = Optional.of(new Machine(login, password));
            return this;
        }

        /**
         * Time between pulls (default 1 s); each wait is drawn between (1 - jitter) and 1 times it.
         *
         * @param interval the time between pulls
         * @return this builder
         */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = Durations.positive("poll interval", interval);
            return this;
        }

        /**
         * The spread of the waits, 0 (none) to 1 (anywhere in 0..interval); default 0.2.
         *
         * @param fraction the spread, 0 to 1
         * @return this builder
         */
        public Builder jitter(double fraction) {
            if (!(fraction >= 0 && fraction <= 1)) {
                throw new IllegalArgumentException("jitter is a fraction 0..1: " + fraction);
            }
            this.jitter = fraction;
            return this;
        }

        /**
         * The most one exchange may take, connect to last byte (default 10 s).
         *
         * @param timeout the longest one exchange may take
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Durations.positive("request timeout", timeout);
            return this;
        }

        /**
         * The longest time between two whole (startup) pulls though nothing failed (default 5
         * min). CrowdSec 1.4.6 leaves out of every delta a decision whose row was committed after
         * a pull began but stamped before it (the pull moves the bouncer's cursor to its own start
         * time); only a whole pull brings such a decision. How often one comes within this
         * ceiling is set by {@link #resyncBytesPerSecond}.
         *
         * @param interval the longest time between whole pulls
         * @return this builder
         */
        public Builder resyncInterval(Duration interval) {
            this.resyncInterval = Durations.positive("resync interval", interval);
            return this;
        }

        /**
         * What whole pulls may cost on average, in bytes of answer a second (default 32 KiB): the
         * next whole pull comes the last one's size divided by this after it, at least a poll
         * interval and at most the {@linkplain #resyncInterval resync interval} later. A small
         * list (up to about 200 decisions at a 1 s poll) is pulled whole at every poll, so a
         * decision a delta left out is in force one poll later; 10,000 decisions (1.5 MB) are
         * pulled every 46 s; from about 65,000 on, every resync interval.
         *
         * @param bytes the bytes a second whole pulls may average
         * @return this builder
         */
        public Builder resyncBytesPerSecond(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("resync bytes per second must be positive: " + bytes);
            }
            this.resyncBytesPerSecond = bytes;
            return this;
        }

        /**
         * The longest wait between retries while the LAPI fails (default 30 s).
         *
         * @param delay the longest wait between retries
         * @return this builder
         */
        public Builder maxRetryDelay(Duration delay) {
            this.maxRetryDelay = Durations.positive("retry delay", delay);
            return this;
        }

        /**
         * The largest answer read (default 64 MiB, some 300,000 decisions); a larger one is refused whole.
         *
         * @param max the largest answer, in bytes
         * @return this builder
         */
        public Builder maxResponseBytes(long max) {
            if (max < 1) {
                throw new IllegalArgumentException("max response bytes must be positive: " + max);
            }
            this.maxResponseBytes = max;
            return this;
        }

        /**
         * The decision types enforced as bans (default {@code ban}); e.g. add {@code captcha} to refuse those too.
         *
         * @param types the decision types, e.g. {@code ban}
         * @return this builder
         */
        public Builder decisionTypes(Set<String> types) {
            if (types.isEmpty()) {
                throw new IllegalArgumentException("at least one decision type");
            }
            this.decisionTypes = types.stream().map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
            return this;
        }

        /**
         * The clock expiries are reckoned by (tests).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Starts the bouncer: the first pull begins at once, on its own thread.
         *
         * @return the running bouncer
         */
        public CrowdSecBouncer build() {
            boolean https = lapi.getScheme().equalsIgnoreCase("https");
            if (apiKey.isEmpty() && !https) {
                throw new IllegalStateException("crowdsec " + lapi + ": an API key is needed (cscli bouncers add NAME), or https with a client certificate");
            }
            if (sslContext.isPresent() && !https) {
                throw new IllegalStateException("crowdsec " + lapi + ": TLS settings given for a plain http:// URL");
            }
            if (apiKey.isPresent() && !https && !isLoopback(lapi.getHost())) {
                LOG.warn("crowdsec {}: the API key goes in clear over plain HTTP to a host that is not loopback; use https", lapi);
            }
            return new CrowdSecBouncer(copy()); // a later change to this builder leaves the bouncer alone
        }

        private Builder copy() {
            Builder copy = new Builder(lapi);
            copy.apiKey = apiKey;
            copy.sslContext = sslContext;
            copy.machine = machine;
            copy.pollInterval = pollInterval;
            copy.jitter = jitter;
            copy.requestTimeout = requestTimeout;
            copy.maxRetryDelay = maxRetryDelay;
            copy.resyncInterval = resyncInterval;
            copy.resyncBytesPerSecond = resyncBytesPerSecond;
            copy.maxResponseBytes = maxResponseBytes;
            copy.decisionTypes = decisionTypes;
            copy.clock = clock;
            return copy;
        }

        private static boolean isLoopback(String host) {
            return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
        }
    }
}
