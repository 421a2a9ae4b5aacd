/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.EngineInternals;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.Mode;
import io.github.tcpwrappers.ReloadEvent;
import io.github.tcpwrappers.RulesRejectedException;
import io.github.tcpwrappers.files.FileAccess;
import io.github.tcpwrappers.value.Decision;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 18 item 5: a table, a {@code /file} list or a banner that is a FIFO blocked
 * {@code build()}, the reload thread and, with {@code reloadInterval(0)}, every decision: opening
 * a FIFO waits for a writer that never comes. Real FIFOs (mkfifo), no writer.
 */
class BlockingFileAttackTest {
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final AccessRequest CLIENT = AccessRequest.of("sshd",
            new InetSocketAddress("127.0.0.66", 40000), new InetSocketAddress("127.0.0.1", 22));

    @TempDir
    Path dir;

    private static void mkfifo(Path path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertEquals(0, p.waitFor(), "mkfifo");
    }

    /** Writes the tables with {@code fifo} (table, list or banner) being a FIFO. */
    private void files(String fifo) throws Exception {
        Files.writeString(dir.resolve("hosts.allow"), "sshd: 127.0.0.1 : banners " + dir.resolve("banners") + "\n");
        Files.createDirectories(dir.resolve("banners"));
        switch (fifo) {
            case "table" -> mkfifo(dir.resolve("hosts.deny"));
            case "list" -> {
                Files.writeString(dir.resolve("hosts.deny"), "sshd: " + dir.resolve("blocklist") + "\n");
                mkfifo(dir.resolve("blocklist"));
            }
            case "banner" -> {
                Files.writeString(dir.resolve("hosts.deny"), "sshd: 127.0.0.66\n");
                mkfifo(dir.resolve("banners").resolve("sshd"));
            }
            default -> throw new IllegalArgumentException(fifo);
        }
    }

    @ParameterizedTest(name = "a FIFO as the {0}")
    @CsvSource({"table, hosts.deny", "list, blocklist"})
    void strictModeRefusesAFifoWithoutOpeningIt(String fifo, String file) throws Exception {
        files(fifo);
        RulesRejectedException refused = assertTimeoutPreemptively(BOUND,
                () -> assertThrows(RulesRejectedException.class, () -> HostsAccess.builder().directory(dir).build()));
        assertTrue(refused.getMessage().contains(file) && refused.getMessage().contains("not a regular file"),
                refused.getMessage());
    }

    /** LIBWRAP mode reads a FIFO as a file it cannot open: an unreadable hosts.deny denies, a list matches nothing. */
    @ParameterizedTest(name = "a FIFO as the {0}")
    @CsvSource({"table, true", "list, false", "banner, true"})
    void libwrapModeBuildsAndEveryDecisionCompletesWithAZeroInterval(String fifo, boolean denied) throws Exception {
        files(fifo);
        assertTimeoutPreemptively(BOUND, () -> {
            try (HostsAccess access = HostsAccess.builder().directory(dir).mode(Mode.LIBWRAP)
                    .reloadInterval(Duration.ZERO).build()) {
                for (int i = 0; i < 20; i++) {
                    Decision d = access.checkBlocking(CLIENT, Duration.ofSeconds(5));
                    assertEquals(denied, d.denied(), d.toString());
                }
            }
        });
    }

    @Test
    void aBannerFifoIsNeverOpenedInStrictModeEither() throws Exception {
        files("banner");
        assertTimeoutPreemptively(BOUND, () -> {
            try (HostsAccess access = HostsAccess.builder().directory(dir).build()) {
                assertTrue(access.checkBlocking(CLIENT, Duration.ofSeconds(5)).denied());
            }
        });
    }

    /**
     * A read that hangs (a FIFO swapped in between the stat and the open, a dead NFS server):
     * the load is abandoned at the load timeout, decisions go on with the rules in force, and
     * the next change loads.
     */
    @Test
    void aStuckLoadNeverStopsDecisionsOrLaterReloads() throws Exception {
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), "sshd: 127.0.0.66\n");
        AtomicBoolean hang = new AtomicBoolean();
        CountDownLatch release = new CountDownLatch(1);
        FileAccess hanging = new FileAccess() {
            @Override
            public Read read(Path path) {
                if (hang.get() && path.getFileName().toString().equals("hosts.deny")) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return FileAccess.system().read(path);
            }

            @Override
            public Optional<List<Path>> list(Path directory) {
                return FileAccess.system().list(directory);
            }
        };
        List<ReloadEvent> events = new CopyOnWriteArrayList<>();
        try (HostsAccess access = EngineInternals.fileAccess(HostsAccess.builder().directory(dir), hanging).reloadInterval(Duration.ZERO)
                .settleTime(Duration.ZERO).loadTimeout(Duration.ofMillis(300)).reloadListener(events::add).build()) {
            hang.set(true);
            Files.writeString(dir.resolve("hosts.deny"), "sshd: 127.0.0.67\n");
            assertTimeoutPreemptively(BOUND, () -> {
                for (int i = 0; i < 10; i++) {
                    assertTrue(access.checkBlocking(CLIENT, Duration.ofSeconds(5)).denied(), "the rules in force decide");
                }
            });
            assertTrue(events.stream().anyMatch(e -> !e.applied()
                    && e.problems().toString().contains("did not finish within 300 ms")), events.toString());
            hang.set(false);
            Files.writeString(dir.resolve("hosts.deny"), "sshd: 127.0.0.68\n");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (access.checkBlocking(CLIENT, Duration.ofSeconds(5)).denied()) {
                assertTrue(System.nanoTime() < deadline, "a later change loads although a load is still stuck");
                Thread.sleep(10);
            }
        } finally {
            release.countDown();
        }
    }
}
