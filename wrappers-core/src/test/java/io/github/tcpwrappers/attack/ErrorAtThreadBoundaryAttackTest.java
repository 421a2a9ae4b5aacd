/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.attack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.EngineInternals;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.ReloadEvent;
import io.github.tcpwrappers.files.FileAccess;
import io.github.tcpwrappers.testing.StderrLines;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 item 6: an OutOfMemoryError in a live reload killed a background thread and nobody
 * heard of it. Injected through the file access seam: the reload thread logs it at ERROR, the
 * rules in force keep deciding, and the next change still loads (a periodic task that throws is
 * cancelled for good by its executor; a thread that dies says nothing).
 */
class ErrorAtThreadBoundaryAttackTest {
    private static final AccessRequest CLIENT = AccessRequest.of("sshd",
            new InetSocketAddress("127.0.0.66", 40000), new InetSocketAddress("127.0.0.1", 22));

    @TempDir
    Path dir;

    @Test
    void anOutOfMemoryErrorInAReloadIsLoggedAndTheEngineKeepsServingAndReloading() throws Exception {
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), "sshd: 127.0.0.66\n");
        AtomicBoolean exhausted = new AtomicBoolean();
        FileAccess failing = new FileAccess() {
            @Override
            public Read read(Path path) {
                if (exhausted.getAndSet(false)) {
                    throw new OutOfMemoryError("Java heap space (injected)");
                }
                return FileAccess.system().read(path);
            }

            @Override
            public Optional<List<Path>> list(Path directory) {
                return FileAccess.system().list(directory);
            }
        };
        List<ReloadEvent> events = new CopyOnWriteArrayList<>();
        try (StderrLines log = StderrLines.capture();
                HostsAccess access = EngineInternals.fileAccess(HostsAccess.builder().directory(dir), failing)
                        .reloadInterval(Duration.ofMillis(20)).reloadListener(events::add).build()) {
            exhausted.set(true);
            Files.writeString(dir.resolve("hosts.deny"), "sshd: 127.0.0.66 127.0.0.67\n");
            waitUntil(() -> log.containing("ERROR").stream().anyMatch(l -> l.contains("OutOfMemoryError")));
            assertTrue(access.checkBlocking(CLIENT, Duration.ofSeconds(5)).denied(), "the rules in force decide");
            // The reload thread lives: the next change is put in force.
            Files.writeString(dir.resolve("hosts.deny"), "sshd: 127.0.0.68\n");
            waitUntil(() -> {
                try {
                    return !access.checkBlocking(CLIENT, Duration.ofSeconds(5)).denied();
                } catch (TimeoutException e) {
                    throw new AssertionError(e);
                }
            });
            assertTrue(events.stream().anyMatch(ReloadEvent::applied), events.toString());
        }
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 15 s");
            Thread.sleep(10);
        }
    }
}
