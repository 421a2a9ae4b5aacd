/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import io.github.tcpwrappers.crowdsec.CrowdSecWatcher;
import io.github.tcpwrappers.crowdsec.testing.CrowdSecLapi;
import io.github.tcpwrappers.redis.RedisList;
import io.github.tcpwrappers.testing.RedisServer;
import io.github.tcpwrappers.value.ListEntry;
import io.github.tcpwrappers.value.Network;
import io.lettuce.core.RedisURI;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * A fleet on one machine (issue 22): eight server JVMs ({@link FleetServer}: 3 Netty
 * {@code HostsAccessHandler}, 3 servlet {@code HostsAccessFilter} in Jetty, 2 gRPC
 * {@code HostsAccessInterceptor}), each started here with {@link ProcessBuilder} on this JVM's
 * class path, each its own engine bound to the one shared list; one writer in this JVM; the list
 * a real redis-server ({@link RedisServer}, the tests' support) or a real CrowdSec 1.4.6 LAPI
 * ({@link CrowdSecLapi}, likewise), both on loopback in a temp dir.
 *
 * <ol>
 * <li><b>Ban to refusal:</b> for each of {@code bans} fresh 127.50.x.y addresses (first checked
 * served everywhere), the time from the ban call to the first connection, request or call from
 * that address each server refuses (probed every {@code pause} ms with a new connection): p50 /
 * p99 / max over every (ban, server), and per door. For CrowdSec also from the moment the LAPI
 * held the ban (the watcher's call returned), which is what the poll interval bounds.</li>
 * <li><b>Storm</b> (Redis): a steady probe load from allowed 127.80.x.y addresses on every
 * server; the engines' decision times (their {@code DecisionListener}) over {@code baseline}
 * seconds without a storm, then during a storm of {@code storm} bans written by the one writer
 * within one second (pipelined on its connection): p50 / p99 / p99.9 / max of both, the time
 * until the last ban is refused and every server's list holds them all, and a sample of 100
 * storm addresses checked refused everywhere. Three kinds of window take turns, {@code storms}
 * rounds of each, the order turning every round so each kind sees the fleet as it drifts (the
 * JIT, the heaps, the list's size, the machine's other load): quiet ({@code baseline / storms}
 * seconds), a <em>control storm</em> (the same bans from the same writer through the same Redis,
 * to a list no server reads: what sharing this machine's two cores with the writer and Redis
 * costs the servers, which a fleet would not pay, its writer and Redis being elsewhere) and a
 * storm; the decisions of each kind are counted together. A single storm's window holds only
 * about 840 decisions, so its p99.9 is its maximum, and even a storm that cost nothing would
 * keep its maximum under the p99.9 without it only 0.999<sup>840</sup> = 43 % of the time; five
 * give a p99.9 of its own to compare.</li>
 * </ol>
 *
 * The bouncers' whole (startup) pulls repair what a CrowdSec 1.4.6 delta can miss; they come as
 * often as the bouncer's byte budget allows for the list's size (every poll for these few hundred
 * bans) and at most {@code resyncMillis} apart (10 s here, 5 min by default): the run counts the
 * bans refused more than 2 s after the LAPI stored them.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.tcpwrappers.benchmarks.FleetBanLoad redis [bans] [storm] [loadPerServerPerSecond] [baselineSeconds] [storms] [servers]
 * java -cp benchmarks/target/benchmarks.jar io.github.tcpwrappers.benchmarks.FleetBanLoad crowdsec [bans] [pollMillis] [resyncMillis]
 * </pre>
 *
 * The server JVMs run with {@link #SERVER_JVM} (8 of them share two cores here). With
 * {@code servers} below eight (Redis only), the fleet is the first that many of {@link #FLEET}:
 * a fleet that does not outnumber the cores shows what a storm costs decisions when no server
 * waits for a core another holds.
 */
public final class FleetBanLoad {
    /**
     * The doors of the eight servers, in start order: 3 Netty, 3 servlet, 2 gRPC, taken in turn,
     * so the first {@code n} of a smaller fleet still show every door from three on.
     */
    static final List<FleetDoor> FLEET = List.of(FleetDoor.NETTY, FleetDoor.SERVLET, FleetDoor.GRPC, FleetDoor.NETTY,
            FleetDoor.SERVLET, FleetDoor.GRPC, FleetDoor.NETTY, FleetDoor.SERVLET);
    /** Flags of every server JVM: a small heap, one GC thread, the C1 compiler only. */
    static final List<String> SERVER_JVM = List.of("-Xmx64m", "-Xss512k", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1");
    private static final Duration BAN_TTL = Duration.ofHours(1);
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(60);

    private FleetBanLoad() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args.length > 0 ? args[0] : "redis";
        boolean redis = switch (kind) {
            case "redis" -> true;
            case "crowdsec" -> false;
            default -> throw new IllegalArgumentException("redis or crowdsec: " + kind);
        };
        int bans = args.length > 1 ? Integer.parseInt(args[1]) : redis ? 1000 : 200;
        int storm = redis && args.length > 2 ? Integer.parseInt(args[2]) : redis ? 10_000 : 0;
        long pollMillis = !redis && args.length > 2 ? Long.parseLong(args[2]) : 1000;
        long resyncMillis = !redis && args.length > 3 ? Long.parseLong(args[3]) : 10_000;
        int loadRate = redis && args.length > 3 ? Integer.parseInt(args[3]) : 50;
        int baselineSeconds = redis && args.length > 4 ? Integer.parseInt(args[4]) : 20;
        int storms = redis && args.length > 5 ? Integer.parseInt(args[5]) : 1;
        int servers = redis && args.length > 6 ? Integer.parseInt(args[6]) : FLEET.size();
        if (servers < 1 || servers > FLEET.size()) {
            throw new IllegalArgumentException("1 to " + FLEET.size() + " servers: " + servers);
        }
        List<FleetDoor> doors = FLEET.subList(0, servers);
        if ((long) storm * storms > 625_000) {
            throw new IllegalArgumentException("at most 625,000 storm bans in all (127.70-127.79): " + storm + " x " + storms);
        }
        Path dir = Files.createTempDirectory("fleet-ban-load-");
        System.out.printf(Locale.ROOT, "FleetBanLoad %s: %d servers %s, server JVM %s; load average %s%n", kind,
                doors.size(), doors, String.join(" ", SERVER_JVM), loadAverage());
        if (redis) {
            try (RedisServer server = RedisServer.start(dir.resolve("redis"), false);
                    RedisList writer = RedisList.builder(RedisURI.create(server.uri())).build();
                    RedisList unread = RedisList.builder(RedisURI.create(server.uri())).list("control").build()) {
                Writer banner = new Writer() {
                    @Override
                    public CompletionStage<Void> ban(String address) {
                        return writer.ban(new ListEntry(Network.parse(address), Instant.now().plus(BAN_TTL),
                                "fleet-ban-load", "bench"));
                    }

                    @Override
                    public CompletionStage<Void> banUnread(String address) {
                        return unread.ban(new ListEntry(Network.parse(address), Instant.now().plus(BAN_TTL),
                                "fleet-ban-load", "control"));
                    }

                    @Override
                    public long messages() {
                        return publishes(server);
                    }
                };
                run(dir, doors, s -> List.of("redis", server.uri()), s -> "", banner, bans, 1, storm, storms, loadRate,
                        baselineSeconds);
            }
        } else {
            try (CrowdSecLapi lapi = CrowdSecLapi.start()) {
                CrowdSecLapi.Machine machine = lapi.addMachine("fleet-writer");
                AtomicLong writtenAgain = new AtomicLong();
                try (CrowdSecWatcher watcher = CrowdSecWatcher.builder(URI.create(lapi.url()))
                        .machine(machine.login(), machine.password()).build()) {
                    System.out.printf(Locale.ROOT, "CrowdSec 1.4.6 LAPI %s, poll %d ms (jitter 0.8-1.0), whole pulls"
                            + " at most %d ms apart, bans by CrowdSecWatcher.ban%n", lapi.url(), pollMillis, resyncMillis);
                    run(dir, doors, s -> List.of("crowdsec", lapi.url(), Long.toString(pollMillis), Long.toString(resyncMillis)),
                            s -> lapi.addBouncer("fleet-server-" + s),
                            address -> lockedAgain(watcher, address, 5, writtenAgain), bans, 5, 0, 1, loadRate, baselineSeconds);
                }
                System.out.printf(Locale.ROOT, "bans written again after SQLite's \"database is locked\": %d%n",
                        writtenAgain.get());
            }
        }
    }

    /**
     * The watcher's ban, written again (up to {@code tries} in all) when CrowdSec 1.4.6 on SQLite
     * refuses it with "database is locked", as it does while eight bouncers' pulls write their
     * last-pull times; nothing is created by a refused write. The clock keeps running from the
     * first try. {@code again} counts the writes made again.
     */
    private static CompletionStage<Void> lockedAgain(CrowdSecWatcher watcher, String address, int tries, AtomicLong again) {
        return watcher.ban(Network.parse(address), BAN_TTL, "bench").handle((ok, failure) -> {
            if (failure == null) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            if (tries > 1 && String.valueOf(failure.getMessage()).contains("database is locked")) {
                again.incrementAndGet();
                return lockedAgain(watcher, address, tries - 1, again).toCompletableFuture();
            }
            return CompletableFuture.<Void>failedFuture(failure);
        }).thenCompose(stage -> stage);
    }

    /** Writes one ban; the stage completes when the source holds it. */
    @FunctionalInterface
    interface Writer {
        CompletionStage<Void> ban(String address);

        /** The same write to a list that no server reads: a control storm's. */
        default CompletionStage<Void> banUnread(String address) {
            throw new UnsupportedOperationException("no control list");
        }

        /** {@return the change messages the source has sent so far, or -1 where it has none} */
        default long messages() {
            return -1;
        }
    }

    /** What server {@code s} gets, as a function of its index. */
    @FunctionalInterface
    private interface PerServer<T> {
        T of(int s) throws Exception;
    }

    private static void run(Path dir, List<FleetDoor> doors, PerServer<List<String>> sourceArgs, PerServer<String> apiKey,
            Writer writer, int bans, long pauseMillis, int storm, int storms, int loadRate, int baselineSeconds)
            throws Exception {
        List<Child> fleet = new ArrayList<>();
        ExecutorService probes = Executors.newFixedThreadPool(doors.size());
        try (FleetDoor.Client client = new FleetDoor.Client()) {
            long startAt = System.nanoTime();
            for (int s = 0; s < doors.size(); s++) {
                fleet.add(Child.start(dir, s, doors.get(s), sourceArgs.of(s), apiKey.of(s)));
            }
            for (Child child : fleet) {
                child.awaitReady();
            }
            System.out.printf(Locale.ROOT, "%d servers up and holding the list after %.1f s%n", doors.size(),
                    (System.nanoTime() - startAt) / 1e9);
            for (int i = 0; i < 20; i++) { // warm-up: the JITs and the connections see bans before timing
                banToRefusal(writer, client, probes, fleet, "127.99.0." + (i + 1), pauseMillis);
            }
            long[][] cpuBefore = cpu(fleet);
            Map<FleetDoor, List<Long>> perDoor = new EnumMap<>(FleetDoor.class);
            List<Long> all = new ArrayList<>();
            List<Long> fromStored = new ArrayList<>();
            for (int i = 0; i < bans; i++) {
                Timing t = banToRefusal(writer, client, probes, fleet, "127.50." + (i / 250) + "." + (i % 250 + 1),
                        pauseMillis);
                for (int s = 0; s < fleet.size(); s++) {
                    all.add(t.refused()[s]);
                    fromStored.add(Math.max(0, t.refused()[s] - t.stored()));
                    perDoor.computeIfAbsent(doors.get(s), d -> new ArrayList<>()).add(t.refused()[s]);
                }
            }
            double[][] banCpu = spent(cpuBefore, cpu(fleet));
            String load = loadAverage();
            System.out.printf(Locale.ROOT, "CPU per ban per server, the probes' included (%d bans): %s%n", bans,
                    perServer(banCpu, bans));
            System.out.printf(Locale.ROOT, "ban call -> first refusal, %d bans x %d servers = %d samples: %s (load"
                    + " average %s)%n", bans, fleet.size(), all.size(), millis(all), load);
            perDoor.forEach((door, samples) -> System.out.printf(Locale.ROOT, "  %-7s %s%n", door, millis(samples)));
            System.out.printf(Locale.ROOT, "ban stored (the writer's call returned) -> first refusal: %s%n",
                    millis(fromStored));
            // CrowdSec 1.4.6 can leave a decision out of every delta (one committed after a pull
            // began but stamped before it): such a ban is refused only after a whole pull.
            System.out.printf(Locale.ROOT, "(ban, server) pairs refused more than 2 s after the ban was stored: %d of %d%n",
                    fromStored.stream().filter(n -> n > 2_000_000_000L).count(), fromStored.size());
            if (storm > 0) {
                storm(writer, client, probes, fleet, storm, storms, 20 + bans, loadRate, baselineSeconds);
            }
        } finally {
            probes.shutdownNow();
            for (Child child : fleet) {
                child.stop();
            }
        }
    }

    /** When a ban was stored and when each server first refused it, in ns from the ban call. */
    private record Timing(long stored, long[] refused) {
    }

    private static Timing banToRefusal(Writer writer, FleetDoor.Client client, ExecutorService probes, List<Child> fleet,
            String address, long pauseMillis) throws Exception {
        for (Child child : fleet) { // a refusal before the ban would time nothing
            if (!client.served(child.door, address, child.address)) {
                throw new IllegalStateException(address + " refused by " + child + " before its ban");
            }
        }
        long t0 = System.nanoTime();
        CompletableFuture<Long> stored = writer.ban(address).toCompletableFuture().thenApply(v -> System.nanoTime() - t0);
        List<Future<Long>> refused = new ArrayList<>();
        for (Child child : fleet) {
            refused.add(probes.submit(() -> untilRefused(client, child, address, t0, pauseMillis)));
        }
        long[] out = new long[fleet.size()];
        for (int s = 0; s < out.length; s++) {
            out[s] = refused.get(s).get();
        }
        return new Timing(stored.get(30, TimeUnit.SECONDS), out);
    }

    /** Probes {@code child} from {@code address} until it refuses; ns from {@code t0}. */
    private static long untilRefused(FleetDoor.Client client, Child child, String address, long t0, long pauseMillis)
            throws Exception {
        while (client.served(child.door, address, child.address)) {
            if (System.nanoTime() - t0 > GIVE_UP_NANOS) {
                throw new IllegalStateException(address + " not refused by " + child + " within 60 s");
            }
            Thread.sleep(pauseMillis);
        }
        return System.nanoTime() - t0;
    }

    private static void storm(Writer writer, FleetDoor.Client client, ExecutorService probes, List<Child> fleet, int storm,
            int storms, int earlierBans, int loadRate, int baselineSeconds) throws Exception {
        AtomicLong wronglyRefused = new AtomicLong();
        AtomicLong loadErrors = new AtomicLong();
        ScheduledExecutorService load = Executors.newScheduledThreadPool(fleet.size());
        try {
            for (int s = 0; s < fleet.size(); s++) {
                Child child = fleet.get(s);
                AtomicLong next = new AtomicLong(s * 997L);
                load.scheduleAtFixedRate(() -> {
                    long i = next.getAndIncrement() % 2000;
                    try {
                        if (!client.served(child.door, "127.80." + (i / 250) + "." + (i % 250 + 1), child.address)) {
                            wronglyRefused.incrementAndGet();
                        }
                    } catch (IOException e) {
                        loadErrors.incrementAndGet();
                    }
                }, 0, 1_000_000 / loadRate, TimeUnit.MICROSECONDS);
            }
            Thread.sleep(2000); // the load settles before counting
            // Three kinds of window take turns, so each sees the fleet as it drifts (the JIT, the
            // heaps, the list's size, whatever else the machine runs): quiet (baselineSeconds /
            // storms), a control storm (the same writer and Redis work, to a list no server reads:
            // what sharing this machine with them costs the servers), and a storm. The order turns
            // with each round.
            Window quiet = new Window(fleet.size());
            Window control = new Window(fleet.size());
            Window stormy = new Window(fleet.size());
            long quietMillis = baselineSeconds * 1000L / storms;
            List<String> addresses = new ArrayList<>();
            List<StormRun> runs = new ArrayList<>();
            long messages = 0;
            for (int k = 0; k < storms; k++) {
                for (int turn = 0; turn < 3; turn++) {
                    int kind = (turn + k) % 3;
                    Window window = kind == 0 ? quiet : kind == 1 ? control : stormy;
                    fleet.forEach(c -> c.ask("reset"));
                    long[][] from = cpu(fleet);
                    long messagesFrom = kind == 2 ? writer.messages() : 0; // a Redis INFO: only where counted
                    long t0 = System.nanoTime();
                    if (kind == 0) {
                        Thread.sleep(quietMillis);
                    } else {
                        StormRun run = oneStorm(writer, client, probes, fleet, storm, k, earlierBans + (k + 1) * storm,
                                kind == 1);
                        Thread.sleep(1000); // decisions just after a storm count as during it
                        if (kind == 2) {
                            addresses.addAll(run.addresses());
                            runs.add(run);
                            messages += writer.messages() - messagesFrom;
                        }
                    }
                    window.close(System.nanoTime() - t0, spent(from, cpu(fleet)), stats(fleet, "stats"), stats(fleet, "gc"));
                }
            }
            // the storms' own CPU: their windows', less what the steady probes cost in as long without them
            double[][] stormCpu = stormy.cpuBeyond(quiet);
            double[][] controlCpu = control.cpuBeyond(quiet);
            Random random = new Random(22);
            int checked = 0;
            for (int k = 0; k < 100; k++) {
                String address = addresses.get(random.nextInt(addresses.size()));
                for (Child child : fleet) {
                    if (client.served(child.door, address, child.address)) {
                        throw new IllegalStateException(address + " of the storm still served by " + child);
                    }
                    checked++;
                }
            }
            System.out.printf(Locale.ROOT, "decision time on the servers (engine's own, %d/s steady probes per server):%n",
                    loadRate);
            Histogram baseline = quiet.decisions;
            Histogram during = stormy.decisions;
            System.out.printf(Locale.ROOT, "  without a storm (%d s, as %d quiet windows): %s (load average %s)%n",
                    baselineSeconds, storms, summary(baseline), quiet.load);
            System.out.printf(Locale.ROOT, "  during the control storm(s), to a list no server reads: %s (load average %s)%n",
                    summary(control.decisions), control.load);
            System.out.printf(Locale.ROOT, "  during the storm(s):   %s (load average %s)%n", summary(during), stormy.load);
            System.out.printf(Locale.ROOT, "  slowest decision during the storm(s) %s the p99.9 without them (the target"
                    + " as written)%n", within(during.getMaxValue(), baseline.getValueAtPercentile(99.9)));
            System.out.printf(Locale.ROOT, "  p99.9 during the storm(s) %s the p99.9 without them; the slowest during them %s"
                    + " the slowest without them%n", within(during.getValueAtPercentile(99.9),
                            baseline.getValueAtPercentile(99.9)), within(during.getMaxValue(), baseline.getMaxValue()));
            System.out.printf(Locale.ROOT, "  p99.9 during the storm(s) %s the p99.9 during the control storm(s); the slowest"
                    + " during them %s the slowest during the control storm(s)%n",
                    within(during.getValueAtPercentile(99.9), control.decisions.getValueAtPercentile(99.9)),
                    within(during.getMaxValue(), control.decisions.getMaxValue()));
            System.out.printf(Locale.ROOT, "  collections on the servers, whole ms as the JVMs report them: without a storm %d,"
                    + " longest %.0f ms; during the control storm(s) %d, longest %.0f ms; during the storm(s) %d, longest"
                    + " %.0f ms%n", quiet.pauses.getTotalCount(), quiet.pauses.getMaxValue() / 1e3,
                    control.pauses.getTotalCount(), control.pauses.getMaxValue() / 1e3, stormy.pauses.getTotalCount(),
                    stormy.pauses.getMaxValue() / 1e3);
            for (int k = 0; k < runs.size(); k++) {
                StormRun run = runs.get(k);
                System.out.printf(Locale.ROOT, "storm %d: %d bans issued in %.0f ms, all stored by %.0f ms; the last refused"
                        + " and all %d held by every server %.0f ms after the first was written%n", k + 1, storm,
                        run.issued() / 1e6, run.stored() / 1e6, run.expected(), run.everywhere() / 1e6);
            }
            System.out.printf(Locale.ROOT, "%d storm (address, server) pairs sampled afterwards, all refused%n", checked);
            if (writer.messages() >= 0) {
                System.out.printf(Locale.ROOT, "the storms went out as %d change messages (%.1f bans a message)%n", messages,
                        (double) storm * storms / messages);
            }
            System.out.printf(Locale.ROOT, "CPU per server per storm (%.0f ms of storm windows, from each first ban to 1 s"
                    + " after all held, %d storm(s), less what as long without them took): %s%n", stormy.nanos / 1e6,
                    storms, perServer(stormCpu, storms));
            System.out.printf(Locale.ROOT, "CPU per server per control storm, likewise: %s%n", perServer(controlCpu, storms));
            System.out.printf(Locale.ROOT, "steady probes: %d allowed clients refused, %d probe errors%n",
                    wronglyRefused.get(), loadErrors.get());
        } finally {
            load.shutdownNow();
            load.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** {@return how many PUBLISH commands Redis has run, the scripts' included ({@code INFO commandstats})} */
    private static long publishes(RedisServer server) {
        try {
            for (String line : server.command("INFO", "commandstats").split("\r?\n")) {
                if (line.startsWith("cmdstat_publish:calls=")) {
                    return Long.parseLong(line.substring("cmdstat_publish:calls=".length(), line.indexOf(',')));
                }
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String within(long value, long bound) {
        return value <= bound ? "is within" : "EXCEEDS";
    }

    /** What the windows of one kind (quiet, control storm, storm) added up to. */
    private static final class Window {
        final Histogram decisions = new Histogram(3);
        final Histogram pauses = new Histogram(3);
        final double[][] cpu;
        long nanos;
        String load = "";

        Window(int servers) {
            cpu = new double[servers][2];
        }

        void close(long took, double[][] spent, Histogram decided, Histogram paused) throws IOException {
            nanos += took;
            add(cpu, spent);
            decisions.add(decided);
            pauses.add(paused);
            load = loadAverage();
        }

        /** {@return this kind's CPU less what {@code quiet}'s took in as long} */
        double[][] cpuBeyond(Window quiet) {
            double[][] beyond = scaled(quiet.cpu, -(double) nanos / quiet.nanos);
            add(beyond, cpu);
            return beyond;
        }
    }

    /** One storm's times from its first ban, in ns, and the addresses it banned. */
    private record StormRun(long issued, long stored, long everywhere, int expected, List<String> addresses) {
    }

    /**
     * Storm {@code k}: {@code storm} bans from one writer within one second, as 100 bursts, then
     * the wait until every server refuses the last and holds {@code expected} entries.
     */
    private static StormRun oneStorm(Writer writer, FleetDoor.Client client, ExecutorService probes, List<Child> fleet,
            int storm, int k, int expected, boolean control) throws Exception {
        long t0 = System.nanoTime();
        List<CompletableFuture<Void>> written = new ArrayList<>(storm);
        List<String> addresses = new ArrayList<>(storm);
        int batches = 100;
        for (int b = 0; b < batches; b++) { // spread over one second, as 100 bursts of storm/100
            long due = t0 + TimeUnit.MILLISECONDS.toNanos(10L * b);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            for (int i = b * storm / batches; i < (b + 1) * storm / batches; i++) {
                int j = k * storm + i; // 127.70.0.1 on, below the probes' 127.80
                String address = "127." + (70 + j / 62_500) + "." + (j / 250 % 250) + "." + (j % 250 + 1);
                addresses.add(address);
                written.add((control ? writer.banUnread(address) : writer.ban(address)).toCompletableFuture());
            }
        }
        long issued = System.nanoTime() - t0;
        CompletableFuture.allOf(written.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        long stored = System.nanoTime() - t0;
        if (control) {
            return new StormRun(issued, stored, stored, expected, addresses); // no server reads it
        }
        String last = addresses.get(addresses.size() - 1);
        List<Future<Long>> enforced = new ArrayList<>();
        for (Child child : fleet) {
            enforced.add(probes.submit(() -> {
                untilRefused(client, child, last, t0, 1);
                while (child.listEntries() < expected) {
                    if (System.nanoTime() - t0 > GIVE_UP_NANOS) {
                        throw new IllegalStateException(child + " holds " + child.listEntries() + " of " + expected);
                    }
                    Thread.sleep(1);
                }
                return System.nanoTime() - t0;
            }));
        }
        long everywhere = 0;
        for (Future<Long> f : enforced) {
            everywhere = Math.max(everywhere, f.get());
        }
        return new StormRun(issued, stored, everywhere, expected, addresses);
    }

    /** {@return the fleet's histograms merged: {@code stats} (decisions) or {@code gc} (collections)} */
    private static Histogram stats(List<Child> fleet, String command) {
        Histogram all = new Histogram(3);
        String tag = command.toUpperCase(Locale.ROOT) + " "; // a server answers STATS ... or GC ...
        for (Child child : fleet) {
            String answer = child.ask(command);
            if (!answer.startsWith(tag)) {
                throw new IllegalStateException(child + " answered " + answer);
            }
            all.add(FleetServer.decode(answer.substring(tag.length())));
        }
        return all;
    }

    /** {@code [server][process CPU, list threads' CPU]} in ns, as each server counts them now. */
    private static long[][] cpu(List<Child> fleet) {
        long[][] cpu = new long[fleet.size()][];
        for (int s = 0; s < fleet.size(); s++) {
            String[] answer = fleet.get(s).ask("cpu").split(" ");
            if (answer.length != 3 || !answer[0].equals("CPU")) {
                throw new IllegalStateException(fleet.get(s) + " answered " + String.join(" ", answer));
            }
            cpu[s] = new long[] {Long.parseLong(answer[1]), Long.parseLong(answer[2])};
        }
        return cpu;
    }

    /** Adds {@code more} to {@code sum}, server by server. */
    private static void add(double[][] sum, double[][] more) {
        for (int s = 0; s < sum.length; s++) {
            for (int k = 0; k < 2; k++) {
                sum[s][k] += more[s][k];
            }
        }
    }

    private static double[][] scaled(double[][] values, double factor) {
        double[][] scaled = new double[values.length][2];
        for (int s = 0; s < values.length; s++) {
            for (int k = 0; k < 2; k++) {
                scaled[s][k] = factor * values[s][k];
            }
        }
        return scaled;
    }

    /** The CPU spent between two counts. */
    private static double[][] spent(long[][] from, long[][] to) {
        double[][] spent = new double[from.length][2];
        for (int s = 0; s < from.length; s++) {
            for (int k = 0; k < 2; k++) {
                spent[s][k] = to[s][k] - from[s][k];
            }
        }
        return spent;
    }

    /** Median and max over the servers of {@code spent / units}, in microseconds. */
    private static String perServer(double[][] spent, int units) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < 2; k++) {
            double[] per = new double[spent.length];
            for (int s = 0; s < spent.length; s++) {
                per[s] = spent[s][k] / units;
            }
            Arrays.sort(per);
            b.append(k == 0 ? "process" : ", list threads").append(String.format(Locale.ROOT, " median %.0f us, max %.0f us",
                    per[per.length / 2] / 1e3, per[per.length - 1] / 1e3));
        }
        return b.toString();
    }

    /** {@code n p50 p99 p99.9 max} of nanosecond decision times, in milliseconds. */
    private static String summary(Histogram h) {
        return String.format(Locale.ROOT, "n=%d p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms",
                h.getTotalCount(), h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6,
                h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6);
    }

    private static String millis(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, max %.1f ms", pct(sorted, 50) / 1e6,
                pct(sorted, 99) / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    private static long pct(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p / 100.0) - 1))];
    }

    private static String loadAverage() throws IOException {
        String[] words = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return words[0] + " " + words[1] + " " + words[2];
    }

    /** A {@link FleetServer} process and its line protocol. */
    private static final class Child {
        final FleetDoor door;
        final int index;
        private final Process process;
        private final Path stderr;
        private final BufferedReader out;
        private final PrintStream in;
        InetSocketAddress address;

        private Child(FleetDoor door, int index, Process process, Path stderr) {
            this.door = door;
            this.index = index;
            this.process = process;
            this.stderr = stderr;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
            this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.US_ASCII);
        }

        static Child start(Path dir, int index, FleetDoor door, List<String> sourceArgs, String apiKey) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(SERVER_JVM);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), FleetServer.class.getName(),
                    door.name().toLowerCase(Locale.ROOT)));
            command.addAll(sourceArgs);
            Path stderr = dir.resolve("server-" + index + ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
            if (!apiKey.isEmpty()) {
                builder.environment().put(FleetServer.CROWDSEC_KEY, apiKey);
            }
            return new Child(door, index, builder.start(), stderr);
        }

        void awaitReady() throws IOException {
            String line = out.readLine();
            if (line == null || !line.startsWith("READY ")) {
                throw new IllegalStateException(this + " did not start (" + line + "): " + Files.readString(stderr));
            }
            address = new InetSocketAddress("127.0.0.1", Integer.parseInt(line.substring("READY ".length()).trim()));
        }

        synchronized String ask(String command) {
            in.println(command);
            try {
                String line = out.readLine();
                if (line == null) {
                    throw new IllegalStateException(this + " ended: " + Files.readString(stderr));
                }
                return line;
            } catch (IOException e) {
                throw new IllegalStateException(this + ": " + e, e);
            }
        }

        int listEntries() {
            String answer = ask("list");
            if (!answer.startsWith("LIST ")) {
                throw new IllegalStateException(this + " answered " + answer);
            }
            return Integer.parseInt(answer.split(" ")[1]);
        }

        void stop() throws InterruptedException {
            in.close(); // end of input: the server stops its door and its engine
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }

        @Override
        public String toString() {
            return "server " + index + " (" + door + (address == null ? "" : " " + address.getPort()) + ")";
        }
    }
}
