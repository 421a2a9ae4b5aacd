/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.crowdsec.testing;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.crowdsec.CrowdSecBouncer;
import io.github.tcpwrappers.redis.RedisList;
import io.github.tcpwrappers.spi.ListSource;
import io.github.tcpwrappers.testing.Await;
import io.github.tcpwrappers.testing.RedisServer;
import io.github.tcpwrappers.value.ListEntry;
import io.github.tcpwrappers.value.Network;
import io.lettuce.core.RedisURI;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/**
 * A fleet list in a real engine, for tests of the doors: the source one server binds, and a ban
 * written by someone else (another server's write to Redis, or {@code cscli decisions add} on the
 * LAPI). Both sources poll or check every 200 ms.
 *
 * <pre>{@code
 * try (FleetSource fleet = FleetSource.start(FleetSource.Kind.REDIS, dir, lapi)) {
 *     HostsAccess access = HostsAccess.builder().directory(dir).bindList(ban, fleet.source()).build();
 *     fleet.banElsewhere("127.8.0.5");
 * }
 * }</pre>
 */
public interface FleetSource extends AutoCloseable {
    Duration POLL = Duration.ofMillis(200);

    /** The two engines a fleet list lives in. */
    enum Kind {
        REDIS, CROWDSEC
    }

    /** A new source on this fleet's list, for one server. */
    ListSource source();

    /** Bans {@code address} for an hour from elsewhere in the fleet. */
    void banElsewhere(String address);

    /**
     * Bans {@code client} elsewhere, waits for {@code access} to hold the ban and then for
     * {@code ended} (what the door must do), and fails unless that took under 1 s from the moment
     * the engine held the ban; prints both times under {@code door}.
     */
    default void banAndAwait(HostsAccess access, String door, String client, String what, BooleanSupplier ended)
            throws Exception {
        Duration wait = Duration.ofSeconds(10);
        long written = System.nanoTime();
        banElsewhere(client);
        InetAddress address = InetAddress.getByName(client);
        Await.until("the engine holds the ban on " + client, wait, () -> !access.listEntries(address).isEmpty());
        long held = System.nanoTime();
        Await.until(what, wait, ended);
        long end = System.nanoTime();
        long afterHeld = (end - held) / 1_000_000;
        if (afterHeld >= 1000) {
            throw new AssertionError(door + ": " + what + " " + afterHeld + " ms after the engine held the ban");
        }
        System.out.printf("%s: %s %d ms after the engine held the ban, %d ms after it was written%n", door, what,
                afterHeld, (end - written) / 1_000_000);
    }

    /**
     * A Redis started in {@code dir}, or the running {@code lapi} (asked for only for
     * {@link Kind#CROWDSEC}, so a Redis test runs where CrowdSec is not unpacked).
     */
    static FleetSource start(Kind kind, Path dir, Callable<CrowdSecLapi> lapi) throws Exception {
        return kind == Kind.REDIS ? redis(dir) : crowdsec(lapi.call());
    }

    /** A redis-server in {@code dir}; the bans are written by a list of its own. */
    static FleetSource redis(Path dir) throws Exception {
        RedisServer redis = RedisServer.start(dir.resolve("redis"), false);
        RedisList writer = RedisList.builder(RedisURI.create(redis.uri())).build();
        return new FleetSource() {
            @Override
            public ListSource source() {
                return RedisList.builder(RedisURI.create(redis.uri())).checkInterval(POLL).build();
            }

            @Override
            public void banElsewhere(String address) {
                writer.ban(new ListEntry(Network.parse(address), Instant.now().plus(Duration.ofHours(1)), "web-9",
                        "fleet test")).toCompletableFuture().join();
            }

            @Override
            public void close() throws Exception {
                writer.close();
                redis.close();
            }
        };
    }

    /** The running LAPI, each source a bouncer of its own; closing deletes every decision. */
    static FleetSource crowdsec(CrowdSecLapi lapi) {
        return new FleetSource() {
            @Override
            public ListSource source() {
                return CrowdSecBouncer.builder(URI.create(lapi.url())).apiKey(lapi.addBouncer("fleet-" + System.nanoTime()))
                        .pollInterval(POLL).maxRetryDelay(Duration.ofMillis(400)).build();
            }

            @Override
            public void banElsewhere(String address) {
                lapi.cscli("decisions", "add", "-i", address, "-d", "1h", "-R", "fleet test");
            }

            @Override
            public void close() {
                lapi.cscli("decisions", "delete", "--all");
            }
        };
    }
}
