/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.value.Decision;
import io.github.tcpwrappers.value.Diagnostic;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files are live: every kind of change takes effect within the reload interval, whole. */
class ReloadTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration INTERVAL = Duration.ofMillis(200);
    /** Bound on write-to-effect: the interval plus scheduling slack on a loaded 2-core machine. */
    private static final long EFFECT_BOUND_MILLIS = 3_000;

    @TempDir
    Path dir;

    private static AccessRequest from(String client) {
        return AccessRequest.of("sshd", new InetSocketAddress(client, 40000), new InetSocketAddress("127.0.0.1", 22));
    }

    private HostsAccess live(Path rules) throws IOException {
        emptyTablesWhereMissing(rules);
        return HostsAccess.builder().directory(rules).reloadInterval(INTERVAL).build();
    }

    /** Strict mode refuses a missing table: the tests that need one table write the other empty. */
    static void emptyTablesWhereMissing(Path rules) throws IOException {
        for (String table : List.of("hosts.allow", "hosts.deny")) {
            if (Files.notExists(rules.resolve(table))) {
                Files.writeString(rules.resolve(table), "");
            }
        }
    }

    private static boolean denied(HostsAccess access, String client) {
        try {
            return access.checkBlocking(from(client), WAIT).denied();
        } catch (TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits for a condition and returns how long it took; fails past the bound. */
    private static long millisUntil(BooleanSupplier condition) throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (took > EFFECT_BOUND_MILLIS) {
                throw new AssertionError("change not in force after " + took + " ms");
            }
            Thread.sleep(10);
        }
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.println("reload: write to effect " + took + " ms");
        return took;
    }

    @Test
    void anEditInPlaceTakesEffectWithinTheInterval() throws Exception {
        Files.writeString(dir.resolve("hosts.deny"), "sshd: 10.0.0.1\n");
        try (HostsAccess access = live(dir)) {
            assertFalse(denied(access, "10.0.0.2"));
            Files.writeString(dir.resolve("hosts.deny"), "sshd: 10.0.0.1 10.0.0.2\n");
            millisUntil(() -> denied(access, "10.0.0.2"));
            // An in-place write is a truncate then a write: the watcher may see both.
            assertTrue(access.status().generation() >= 2, "reloaded: " + access.status());
        }
    }

    @Test
    void anAtomicRenameOverTakesEffect() throws Exception {
        Files.writeString(dir.resolve("hosts.deny"), "sshd: 10.0.0.1\n");
        try (HostsAccess access = live(dir)) {
            Path temp = dir.resolve(".hosts.deny.swp");
            Files.writeString(temp, "sshd: 10.0.0.3\n");
            Files.move(temp, dir.resolve("hosts.deny"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            millisUntil(() -> denied(access, "10.0.0.3") && !denied(access, "10.0.0.1"));
        }
    }

    @Test
    void creatingATableTakesEffect() throws Exception {
        try (HostsAccess access = HostsAccess.builder().directory(dir).missingTables(MissingTables.EMPTY)
                .reloadInterval(INTERVAL).build()) {
            assertFalse(denied(access, "10.0.0.4"));
            Files.writeString(dir.resolve("hosts.deny"), "ALL: ALL\n");
            millisUntil(() -> denied(access, "10.0.0.4"));
        }
    }

    @Test
    void deletingATableTakesEffectInLibwrapMode() throws Exception {
        Files.writeString(dir.resolve("hosts.deny"), "ALL: ALL\n");
        try (HostsAccess access = HostsAccess.builder().directory(dir).mode(Mode.LIBWRAP).reloadInterval(INTERVAL)
                .build()) {
            assertTrue(denied(access, "10.0.0.4"));
            Files.delete(dir.resolve("hosts.deny"));
            millisUntil(() -> !denied(access, "10.0.0.4"));
        }
    }

    @Test
    void aConfigMapSymlinkSwapTakesEffect() throws Exception {
        // Kubernetes mounts: hosts.deny -> ..data/hosts.deny, ..data -> ..<timestamp>/
        Path first = Files.createDirectory(dir.resolve("..2026_11_22_20_00_00.1"));
        Files.writeString(first.resolve("hosts.deny"), "sshd: 10.0.0.5\n");
        Files.createSymbolicLink(dir.resolve("..data"), first.getFileName());
        Files.createSymbolicLink(dir.resolve("hosts.deny"), Path.of("..data/hosts.deny"));
        try (HostsAccess access = live(dir)) {
            assertTrue(denied(access, "10.0.0.5"));
            Path second = Files.createDirectory(dir.resolve("..2026_11_22_20_05_00.2"));
            Files.writeString(second.resolve("hosts.deny"), "sshd: 10.0.0.6\n");
            Path link = Files.createSymbolicLink(dir.resolve("..data_tmp"), second.getFileName());
            Files.move(link, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            millisUntil(() -> denied(access, "10.0.0.6") && !denied(access, "10.0.0.5"));
        }
    }

    @Test
    void aChangedListFileTakesEffect() throws Exception {
        Files.writeString(dir.resolve("blocklist"), "10.0.0.7\n");
        Files.writeString(dir.resolve("hosts.deny"), "sshd: " + dir.resolve("blocklist") + "\n");
        try (HostsAccess access = live(dir)) {
            assertTrue(denied(access, "10.0.0.7"));
            Files.writeString(dir.resolve("blocklist"), "10.0.0.8\n");
            millisUntil(() -> denied(access, "10.0.0.8") && !denied(access, "10.0.0.7"));
        }
    }

    @Test
    void aBrokenEditKeepsTheLastGoodRulesAndIsReported() throws Exception {
        Files.writeString(dir.resolve("hosts.deny"), "sshd: 10.0.0.9\n");
        List<ReloadEvent> events = new CopyOnWriteArrayList<>();
        emptyTablesWhereMissing(dir);
        try (HostsAccess access = HostsAccess.builder().directory(dir).reloadInterval(INTERVAL)
                .reloadListener(events::add).build()) {
            replace(dir.resolve("hosts.deny"), "sshd: 10.0.0.10 # no comments here\n");
            millisUntil(() -> !events.isEmpty());
            ReloadEvent refused = events.get(0);
            assertFalse(refused.applied());
            assertTrue(refused.problems().get(0).toString().startsWith(dir.resolve("hosts.deny") + ":1: "));
            assertTrue(denied(access, "10.0.0.9"), "the old rules stay: nobody denied before gets in");
            assertFalse(denied(access, "10.0.0.10"), "the broken rules do not apply");
            assertTrue(access.status().lastRefusal().isPresent());
            assertEquals(1, access.status().generation());

            replace(dir.resolve("hosts.deny"), "sshd: 10.0.0.10\n");
            millisUntil(() -> denied(access, "10.0.0.10"));
            assertTrue(events.get(events.size() - 1).applied());
            assertTrue(access.status().lastRefusal().isEmpty());
        }
    }

    @Test
    void libwrapModeAppliesWhatLibwrapWouldRead() throws Exception {
        Files.writeString(dir.resolve("hosts.deny"), "sshd: 10.0.0.11\n");
        try (HostsAccess access = HostsAccess.builder().directory(dir).mode(Mode.LIBWRAP).reloadInterval(INTERVAL).build()) {
            Files.writeString(dir.resolve("hosts.deny"), "sshd: 10.0.0.12\nsshd: 10.0.0.13"); // no final newline
            millisUntil(() -> denied(access, "10.0.0.12"));
            assertTrue(denied(access, "10.0.0.99"), "a hosts.deny in error denies, as libwrap does");
        }
    }

    @Test
    void aZeroIntervalChecksOnEveryDecision() throws Exception {
        Files.writeString(dir.resolve("hosts.deny"), "sshd: 10.0.0.14\n");
        emptyTablesWhereMissing(dir);
        // No settle time: the next decision takes whatever held still between two stats.
        try (HostsAccess access = HostsAccess.builder().directory(dir).reloadInterval(Duration.ZERO)
                .settleTime(Duration.ZERO).build()) {
            assertFalse(denied(access, "10.0.0.15"));
            Files.writeString(dir.resolve("hosts.deny"), "sshd: 10.0.0.15 and more text\n");
            assertTrue(denied(access, "10.0.0.15"), "the very next decision sees the change");
        }
    }

    @Test
    void reloadReturnsItsDiagnostics() throws Exception {
        Files.writeString(dir.resolve("hosts.deny"), "sshd: 10.0.0.1\n");
        emptyTablesWhereMissing(dir);
        try (HostsAccess access = HostsAccess.builder().directory(dir).reloadInterval(Duration.ofHours(1)).build()) {
            Files.writeString(dir.resolve("hosts.deny"), "sshd: ALL:\n");
            List<Diagnostic> problems = access.reload();
            assertEquals(1, problems.size());
            assertTrue(problems.get(0).message().contains("trailing colon"));
            assertFalse(denied(access, "10.0.0.2"));
        }
    }

    /**
     * Deciders never see half a reload: two rule sets where hosts.allow's warning line and
     * hosts.deny's matching line differ, alternated 1,000 times; a torn view would pair them wrongly.
     */
    @Test
    void decidersNeverSeeHalfAReload() throws Exception {
        Path a = Files.createDirectory(dir.resolve("a"));
        Path b = Files.createDirectory(dir.resolve("b"));
        Files.writeString(a.resolve("hosts.allow"), "marker-a\n");
        Files.writeString(a.resolve("hosts.deny"), "sshd: 10.0.0.1\n");
        Files.writeString(b.resolve("hosts.allow"), "\nmarker-b\n");
        Files.writeString(b.resolve("hosts.deny"), "\n\nsshd: 10.0.0.1\n");
        Path current = dir.resolve("current");
        Files.createSymbolicLink(current, a.getFileName());
        try (HostsAccess access = HostsAccess.builder().directory(current).mode(Mode.LIBWRAP)
                .reloadInterval(Duration.ofHours(1)).build()) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger decisions = new AtomicInteger();
            ExecutorService deciders = Executors.newFixedThreadPool(2);
            List<Future<?>> running = new CopyOnWriteArrayList<>();
            for (int t = 0; t < 2; t++) {
                running.add(deciders.submit(() -> {
                    while (!stop.get()) {
                        Decision d = access.checkBlocking(from("10.0.0.1"), WAIT);
                        int warningLine = d.diagnostics().get(0).location().orElseThrow().line();
                        int denyLine = d.rule().orElseThrow().line();
                        if (!(warningLine == 1 && denyLine == 1 || warningLine == 2 && denyLine == 3)) {
                            throw new AssertionError("torn view: warning at " + warningLine + ", deny at " + denyLine);
                        }
                        decisions.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (int i = 0; i < 1000; i++) {
                Path next = dir.resolve("next");
                Files.createSymbolicLink(next, (i % 2 == 0 ? b : a).getFileName());
                Files.move(next, current, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                access.reload();
            }
            stop.set(true);
            for (Future<?> f : running) {
                f.get(30, TimeUnit.SECONDS);
            }
            deciders.shutdown();
            assertEquals(1001, access.status().generation());
            assertTrue(decisions.get() > 0);
            System.out.println("reload: 1000 reloads, " + decisions.get() + " decisions, no torn view");
        }
    }

    @Test
    void closeStopsEveryBackgroundThread() throws IOException, InterruptedException {
        Files.writeString(dir.resolve("hosts.deny"), "sshd: 10.0.0.1\n");
        long before = threadsNamed("hosts-access-");
        HostsAccess access = live(dir);
        assertTrue(threadsNamed("hosts-access-") > before);
        access.close();
        assertEquals(before, threadsNamed("hosts-access-"), "no reload or watch thread outlives close()");
    }

    /** Writes a file the way careful tools do: a temporary file renamed over it. */
    private static void replace(Path file, String content) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".new");
        Files.writeString(temp, content);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }
}
