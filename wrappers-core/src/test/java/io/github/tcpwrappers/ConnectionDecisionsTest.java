/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Once per connection and daemon name, as tcpd; decided again after a reload or a verdict change. */
class ConnectionDecisionsTest {
    @TempDir
    Path dir;

    private HostsAccess engine() throws Exception {
        Files.writeString(dir.resolve("hosts.allow"), "greeter: 127.0.0.2\n");
        Files.writeString(dir.resolve("hosts.deny"), "ALL: ALL\n");
        return HostsAccess.builder().directory(dir).reloadInterval(Duration.ZERO).settleTime(Duration.ZERO).build();
    }

    private static CompletableFuture<Boolean> decide(HostsAccess access, String daemon, AtomicInteger count) {
        count.incrementAndGet();
        return access.check(AccessRequest.ofText(daemon, "127.0.0.2", 40000, "127.0.0.1", 50051, Optional.empty()))
                .thenApply(d -> d.granted()).toCompletableFuture();
    }

    @Test
    void theCallsOfOneConnectionShareOneDecisionPerDaemonName() throws Exception {
        try (HostsAccess access = engine()) {
            ConnectionDecisions<Boolean> decisions = ConnectionDecisions.of(access, 16, v -> true);
            Object connection = new Object();
            AtomicInteger decided = new AtomicInteger();
            CompletableFuture<Boolean> first = decisions.connection(connection)
                    .verdict("greeter", decided, (d, count) -> decide(access, d, count));
            assertSame(first, decisions.connection(connection).verdict("greeter", decided, (d, count) -> decide(access, d, count)));
            assertTrue(first.get());
            assertEquals(false, decisions.connection(connection).verdict("other", decided, (d, count) -> decide(access, d, count)).get());
            assertEquals(2, decided.get());
            // Another connection (by identity, even when equal) decides for itself.
            decisions.connection(new String("x")).verdict("greeter", decided, (d, count) -> decide(access, d, count)).get();
            decisions.connection(new String("x")).verdict("greeter", decided, (d, count) -> decide(access, d, count)).get();
            assertEquals(4, decided.get());
        }
    }

    @Test
    void aReloadOrAFailureMakesTheNextCallDecideAgain() throws Exception {
        try (HostsAccess access = engine()) {
            ConnectionDecisions<Boolean> decisions = ConnectionDecisions.of(access, 16, granted -> granted);
            ConnectionDecisions.Connection<Boolean> connection = decisions.newConnection();
            AtomicInteger decided = new AtomicInteger();
            CompletableFuture<Boolean> before = connection.verdict("greeter", decided, (d, count) -> decide(access, d, count));
            assertTrue(before.get());
            Files.writeString(dir.resolve("hosts.allow"), "greeter: 127.0.0.3\n");
            access.reload();
            CompletableFuture<Boolean> after = connection.verdict("greeter", decided, (d, count) -> decide(access, d, count));
            assertNotSame(before, after);
            assertEquals(false, after.get());
            // Not lasting (here: a denial), so not remembered.
            connection.verdict("greeter", decided, (d, count) -> decide(access, d, count)).get();
            assertEquals(3, decided.get());
            CompletableFuture<Boolean> failed = connection.verdict("x", decided, (d, count) -> {
                throw new IllegalStateException("no decision");
            });
            assertTrue(failed.isCompletedExceptionally());
            assertEquals(false, connection.verdict("x", decided, (d, count) -> decide(access, d, count)).get());
        }
    }

    @Test
    void withoutALifetimeHookTheMemoryIsBounded() throws Exception {
        try (HostsAccess access = engine()) {
            ConnectionDecisions<Boolean> decisions = ConnectionDecisions.of(access, 8, v -> true);
            AtomicInteger decided = new AtomicInteger();
            Object kept = new Object();
            decisions.connection(kept).verdict("greeter", decided, (d, count) -> decide(access, d, count)).get();
            for (int i = 0; i < 1000; i++) {
                decisions.connection(new Object()).verdict("greeter", decided, (d, count) -> decide(access, d, count)).get();
            }
            assertTrue(decisions.remembered() <= 8, "remembered " + decisions.remembered());
        }
    }
}
