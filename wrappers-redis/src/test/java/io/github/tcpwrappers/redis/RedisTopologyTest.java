/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.testing.Await;
import io.github.tcpwrappers.testing.BanRules;
import io.github.tcpwrappers.testing.RedisCluster;
import io.github.tcpwrappers.testing.RedisServer;
import io.github.tcpwrappers.testing.StderrLines;
import io.github.tcpwrappers.value.ListStatus;
import io.github.tcpwrappers.value.Network;
import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The list behind Redis Sentinel (a master, a replica, a Sentinel; the master SIGKILLed and the
 * replica promoted) and in a real 3-master Redis Cluster, all started by the test on free
 * loopback ports in a temp dir.
 */
class RedisTopologyTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** The first read of a list, through a Sentinel or a Cluster, on a machine that may be loaded. */
    private static final Duration FIRST_READ = Duration.ofSeconds(30);
    /** Sentinel's down-after (1 s), its election and the promotion, on a loaded machine. */
    private static final Duration FAILOVER = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private HostsAccess engine(RedisList list) throws Exception {
        return HostsAccess.builder().directory(dir).bindList(dir.resolve("hosts.ban"), list).build();
    }

    private static boolean denied(HostsAccess access, String client) {
        return BanRules.denied(access, client);
    }

    private static BooleanSupplier deniedNow(HostsAccess access, String client, boolean want) {
        return () -> denied(access, client) == want;
    }

    /** Through the address the tools take ({@code --bind PATH=URI}), as {@link RedisListProvider} reads it. */
    private static RedisList sentinelList(RedisServer sentinel) {
        return RedisListProvider.builder(URI.create("redis-sentinel://127.0.0.1:" + sentinel.port()
                + "?list=bans#fleet")).checkInterval(Duration.ofMillis(200)).retryInterval(Duration.ofMillis(500))
                .build();
    }

    @Test
    void behindSentinelBansUnbansAndResyncsWorkAndAFailoverKeepsTheListAndRepairsTheSubscriber() throws Exception {
        Path ban = BanRules.write(dir);
        try (RedisServer master = RedisServer.start(dir.resolve("master"), false);
                RedisServer replica = RedisServer.replicaOf(dir.resolve("replica"), master);
                RedisServer sentinel = RedisServer.sentinel(dir.resolve("sentinel"), "fleet", master);
                StderrLines log = StderrLines.capture();
                HostsAccess writer = engine(sentinelList(sentinel)); HostsAccess reader = engine(sentinelList(sentinel))) {
            assertTrue(writer.awaitLists(FIRST_READ) && reader.awaitLists(FIRST_READ),
                    "both engines read the list through Sentinel: " + writer.lists() + " " + reader.lists());
            assertTrue(reader.lists().get(0).source().startsWith("redis-sentinel://127.0.0.1:" + sentinel.port()
                    + " master fleet list bans"), reader.lists().get(0).source());

            writer.ban(ban, Network.parse("127.0.2.1"), Duration.ofHours(1), "before failover").toCompletableFuture().join();
            writer.ban(ban, Network.parse("127.0.2.2"), Duration.ofHours(1), "lifted later").toCompletableFuture().join();
            Await.until("the reader refuses both", WAIT, () -> denied(reader, "127.0.2.1") && denied(reader, "127.0.2.2"));
            writer.unban(ban, Network.parse("127.0.2.2")).toCompletableFuture().join();
            Await.until("the unban reaches the reader", WAIT, deniedNow(reader, "127.0.2.2", false));
            // another tool's write, announced by a resync message
            String later = Long.toString(Instant.now().plusSeconds(3600).toEpochMilli());
            master.command("ZADD", "tcpwrappers:{bans}:entries", later, "127.0.2.3");
            master.command("PUBLISH", "tcpwrappers:{bans}:changes", "resync");
            Await.until("the resync reads the tool's entry", WAIT, deniedNow(reader, "127.0.2.3", true));
            // Replication is asynchronous: a ban the replica has not received is lost in a failover
            // (Redis's trade-off, not the list's); wait for it, as an operator's WAIT would.
            Await.until("the replica holds the list", WAIT, () -> {
                try {
                    return replica.command("ZCARD", "tcpwrappers:{bans}:entries").equals("2");
                } catch (IOException e) {
                    return false;
                }
            });

            assertEquals(List.of(), log.containing(": disconnected"), "asking Sentinel for the master is no outage");
            master.kill();
            Await.until("the outage is noticed", WAIT, () -> reader.lists().get(0).state() == ListStatus.State.SNAPSHOT);
            assertTrue(denied(reader, "127.0.2.1") && denied(reader, "127.0.2.3"), "the last list stays in force meanwhile");
            Await.until("Sentinel promotes the replica", FAILOVER, () -> {
                try {
                    return replica.command("ROLE").startsWith("master");
                } catch (IOException e) {
                    return false;
                }
            });
            Await.until("both engines live on the new master", FAILOVER,
                    () -> writer.lists().get(0).state() == ListStatus.State.LIVE
                            && reader.lists().get(0).state() == ListStatus.State.LIVE);
            assertTrue(denied(reader, "127.0.2.1") && denied(reader, "127.0.2.3"), "the list survived the failover");
            assertFalse(denied(reader, "127.0.2.2"));

            // the subscriber is repaired: a ban and an unban written on the new master reach the reader
            Await.until("a write reaches the new master", FAILOVER, () -> {
                try {
                    writer.ban(ban, Network.parse("127.0.2.4"), Duration.ofHours(1), "after failover")
                            .toCompletableFuture().join();
                    return true;
                } catch (RuntimeException notYet) {
                    return false;
                }
            });
            Await.until("the reader refuses 127.0.2.4", WAIT, deniedNow(reader, "127.0.2.4", true));
            writer.unban(ban, Network.parse("127.0.2.1")).toCompletableFuture().join();
            Await.until("the reader lets 127.0.2.1 in again", WAIT, deniedNow(reader, "127.0.2.1", false));
            assertEquals("2", replica.command("ZCARD", "tcpwrappers:{bans}:entries"), "127.0.2.3 and 127.0.2.4");
        }
    }

    @Test
    void inAClusterEveryKeyOfAListLivesInOneSlotAndBansUnbansAndResyncsReachEveryEngine() throws Exception {
        Path ban = BanRules.write(dir);
        try (RedisCluster cluster = RedisCluster.start(dir.resolve("cluster"))) {
            List<RedisURI> seeds = cluster.seeds().stream().map(RedisURI::create).toList();
            RedisList writerList = RedisList.cluster(seeds).list("fleet").checkInterval(Duration.ofMillis(200)).build();
            // the reader knows only one seed, given as the tools take it: the rest comes from the cluster
            RedisList readerList = RedisListProvider.builder(URI.create("redis-cluster://127.0.0.1:"
                    + cluster.nodes().get(2).port() + "?list=fleet")).checkInterval(Duration.ofMillis(200)).build();
            List<String> keys = readerList.keys();
            String slot = cluster.nodes().get(0).command("CLUSTER", "KEYSLOT", keys.get(0));
            for (String key : keys) {
                assertEquals(slot, cluster.nodes().get(0).command("CLUSTER", "KEYSLOT", key), key + " in the list's slot");
            }
            try (StderrLines log = StderrLines.capture(); HostsAccess writer = engine(writerList);
                    HostsAccess reader = engine(readerList)) {
                assertTrue(writer.awaitLists(FIRST_READ) && reader.awaitLists(FIRST_READ),
                        "both engines read the list in the cluster: " + writer.lists() + " " + reader.lists());
                assertTrue(reader.lists().get(0).source().startsWith("redis-cluster redis://127.0.0.1:"),
                        reader.lists().get(0).source());
                writer.ban(ban, Network.parse("127.0.3.0/24"), Duration.ofHours(1), "scan").toCompletableFuture().join();
                writer.ban(ban, Network.parse("127.0.4.1"), Duration.ofHours(1), "abuse").toCompletableFuture().join();
                Await.until("the reader refuses the range and the address", WAIT,
                        () -> denied(reader, "127.0.3.77") && denied(reader, "127.0.4.1"));
                RedisServer owner = cluster.owner(keys.get(0));
                assertEquals("2", owner.command("ZCARD", keys.get(0)), "the list lives on the slot's owner");
                writer.unban(ban, Network.parse("127.0.4.1")).toCompletableFuture().join();
                Await.until("the unban reaches the reader", WAIT, deniedNow(reader, "127.0.4.1", false));
                // another tool writes the documented layout on the owner and asks for a resync
                String later = Long.toString(Instant.now().plusSeconds(3600).toEpochMilli());
                owner.command("ZADD", keys.get(0), later, "127.0.5.9");
                owner.command("PUBLISH", keys.get(3), "resync");
                Await.until("the resync reads the tool's entry", WAIT, deniedNow(reader, "127.0.5.9", true));
                assertFalse(denied(reader, "127.0.6.1"));
                assertEquals(List.of(), log.containing(": disconnected"), "reading the topology is no outage");
            }
        }
    }
}
