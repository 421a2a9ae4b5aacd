/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.OpenConnections;
import io.github.tcpwrappers.testing.Await;
import io.github.tcpwrappers.testing.BanRules;
import io.github.tcpwrappers.value.Network;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ban that lands between a connection's admission and the door keeping it among the open
 * ones (a banner being written, a lookup's answer on its way) was told to nobody: the door had
 * not subscribed for that connection yet, and the connection it then kept stayed open, banned.
 * A clean-clone CI run of the demo caught it: the banned echo client's connection, its banner
 * read, never ended. Now the door hands over the engine's verdict-change count from before the
 * decision, and a change since is caught up on when the connection is kept.
 */
class BanDuringAdmissionAttackTest {
    private static final AccessRequest CLIENT = AccessRequest.of("sshd",
            new InetSocketAddress("127.0.0.77", 40000), new InetSocketAddress("127.0.0.1", 22));

    @TempDir
    Path dir;

    /** Decides the client's admission as a door does; {@return the verdict changes counted before it} */
    private static long admit(HostsAccess access) throws Exception {
        long before = access.verdictChanges();
        assertTrue(access.checkBlocking(CLIENT, Duration.ofSeconds(5)).granted());
        return before;
    }

    @Test
    void aBanBetweenTheAdmissionAndTheRegistrationEndsTheConnection() throws Exception {
        try (HostsAccess access = BanRules.engine(dir, false)) {
            List<String> ended = new CopyOnWriteArrayList<>();
            OpenConnections<String> open = OpenConnections.of(access, ended::add);
            long before = admit(access);
            // The attack's window: the ban comes after the decision, before the door keeps the connection.
            access.ban(dir.resolve("hosts.ban"), Network.parse("127.0.0.77"), Duration.ofHours(1), "mid-admission")
                    .toCompletableFuture().join();
            open.add("connection", CLIENT, before);
            Await.until("the connection ended", Duration.ofSeconds(5), () -> !ended.isEmpty());
            assertEquals(List.of("connection"), ended);
            assertEquals(0, open.size());
        }
    }

    @Test
    void aConnectionKeptWithNoChangeSinceItsAdmissionStaysOpen() throws Exception {
        try (HostsAccess access = BanRules.engine(dir, false)) {
            List<String> ended = new CopyOnWriteArrayList<>();
            OpenConnections<String> open = OpenConnections.of(access, ended::add);
            long before = admit(access);
            open.add("connection", CLIENT, before);
            // A ban of someone else afterwards is told as usual and leaves this one be.
            access.ban(dir.resolve("hosts.ban"), Network.parse("127.0.0.78"), Duration.ofHours(1), "other")
                    .toCompletableFuture().join();
            Thread.sleep(200);
            assertEquals(List.of(), ended);
            assertEquals(1, open.size());
        }
    }
}
