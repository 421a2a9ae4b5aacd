/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.files.FileAccess;
import io.github.tcpwrappers.value.Decision;
import io.github.tcpwrappers.value.Diagnostic;
import io.github.tcpwrappers.value.RuleLocation;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.zip.Checksum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Appends on real files: a line appended to a live hosts.deny is in force without the table
 * being read or parsed again, and everything that is not a pure append of whole lines is a
 * full load, as before.
 */
class AppendTest {
    private static final Duration INTERVAL = Duration.ofMillis(20);
    private static final long BOUND_MILLIS = 5_000;

    @TempDir
    Path dir;

    /** The system's files, counting whole reads of hosts.deny and reads of what an append added. */
    private static final class CountingFiles implements FileAccess {
        final AtomicInteger wholeReads = new AtomicInteger();
        final AtomicInteger tailReads = new AtomicInteger();

        @Override
        public Read read(Path path) {
            if (path.getFileName().toString().equals("hosts.deny")) {
                wholeReads.incrementAndGet();
            }
            return FileAccess.system().read(path);
        }

        @Override
        public Optional<List<Path>> list(Path directory) {
            return FileAccess.system().list(directory);
        }

        @Override
        public Optional<byte[]> readAfter(Path path, long length, Checksum prefix) {
            tailReads.incrementAndGet();
            return FileAccess.system().readAfter(path, length, prefix);
        }
    }

    private final CountingFiles files = new CountingFiles();

    private HostsAccess live(Mode mode) {
        return HostsAccess.builder().directory(dir).fileAccess(files).mode(mode).reloadInterval(INTERVAL).build();
    }

    private static Decision decide(HostsAccess access, String client) {
        try {
            return access.checkBlocking(AccessRequest.of("sshd", new InetSocketAddress(client, 40000),
                    new InetSocketAddress("127.0.0.1", 22)), Duration.ofSeconds(5));
        } catch (TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) > BOUND_MILLIS) {
                throw new AssertionError(what + " not seen after " + BOUND_MILLIS + " ms");
            }
            Thread.sleep(5);
        }
    }

    /** Polls that see nothing new: enough intervals for any pending change to have been found. */
    private static void quietFor(int intervals) throws InterruptedException {
        Thread.sleep(INTERVAL.toMillis() * intervals);
    }

    private void append(String text) throws Exception {
        Files.write(dir.resolve("hosts.deny"), text.getBytes(StandardCharsets.ISO_8859_1), StandardOpenOption.APPEND);
    }

    private void blocklist(int lines) throws Exception {
        StringBuilder text = new StringBuilder("# generated\n");
        for (int i = 0; i < lines; i++) {
            text.append("sshd: 10.0.").append(i >> 8).append('.').append(i & 0xFF).append('\n');
        }
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), text);
    }

    @Test
    void anAppendedLineIsInForceWithoutReadingTheTableAgain() throws Exception {
        blocklist(1000);
        try (HostsAccess access = live(Mode.STRICT)) {
            int reads = files.wholeReads.get();
            assertTrue(decide(access, "198.18.0.1").granted());
            append("sshd: 198.18.0.1\n");
            await(() -> decide(access, "198.18.0.1").denied(), "the appended ban");
            Decision d = decide(access, "198.18.0.1");
            assertEquals(Optional.of(new RuleLocation(dir.resolve("hosts.deny").toString(), 1002)), d.rule());
            append("ALL: 198.18.0.2 : severity auth.info\nsshd: 198.18.0.3\n");
            await(() -> decide(access, "198.18.0.3").denied(), "the second append");
            assertEquals(Optional.of(new RuleLocation(dir.resolve("hosts.deny").toString(), 1003)),
                    decide(access, "198.18.0.2").rule());
            assertTrue(decide(access, "10.0.3.231").denied(), "the old lines stay in force");
            assertEquals(reads, files.wholeReads.get(), "hosts.deny read again in full");
            assertTrue(files.tailReads.get() >= 2);
            assertEquals(1003, access.status().ruleCount());
        }
    }

    @Test
    void aLastLineWithoutItsNewlineWaitsForIt() throws Exception {
        blocklist(10);
        try (HostsAccess access = live(Mode.STRICT)) {
            append("sshd: 198.18.0.7");
            await(() -> files.tailReads.get() > 0, "a look at the append");
            quietFor(5);
            assertTrue(decide(access, "198.18.0.7").granted(), "a line without its newline is not in force");
            assertTrue(access.status().lastRefusal().isEmpty(), "nor refused: it is being written");
            append("\n");
            await(() -> decide(access, "198.18.0.7").denied(), "the line once whole");
        }
    }

    @Test
    void aRewriteThatAlsoGrowsTheFileIsAFullLoad() throws Exception {
        // An editor unbans 10.0.0.1 by rewriting that line in place (same length) and adds a
        // ban at the end: size and mtime moved as an append moves them, but an old byte changed.
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), "sshd: 10.0.0.1\nsshd: 10.0.0.2\n");
        try (HostsAccess access = live(Mode.STRICT)) {
            assertTrue(decide(access, "10.0.0.1").denied());
            int reads = files.wholeReads.get();
            try (var out = Files.newOutputStream(dir.resolve("hosts.deny"), StandardOpenOption.WRITE)) {
                out.write("sshd: 10.0.0.9\nsshd: 10.0.0.2\nsshd: 10.0.0.3\n".getBytes(StandardCharsets.US_ASCII));
            }
            await(() -> decide(access, "10.0.0.3").denied(), "the rewrite");
            assertTrue(decide(access, "10.0.0.1").granted(), "the unbanned address still denied: old bytes trusted");
            assertTrue(decide(access, "10.0.0.9").denied());
            assertTrue(files.wholeReads.get() > reads, "not read again in full");
        }
    }

    @Test
    void aBrokenAppendedLineIsRefusedAndTheRulesInForceStay() throws Exception {
        blocklist(10);
        try (HostsAccess access = live(Mode.STRICT)) {
            long generation = access.status().generation();
            append("sshd: 198.18.0.5 # banned by hand\n");
            await(() -> access.status().lastRefusal().isPresent(), "the refusal");
            ReloadEvent refusal = access.status().lastRefusal().get();
            assertTrue(refusal.problems().stream().anyMatch(p -> p.level() == Diagnostic.Level.ERROR
                    && p.toString().startsWith(dir.resolve("hosts.deny") + ":12: ")), refusal.problems().toString());
            assertEquals(generation, access.status().generation());
            assertTrue(decide(access, "198.18.0.5").granted(), "a refused line is not in force");
            assertTrue(decide(access, "10.0.0.9").denied(), "the last good rules stay");
            // A good line after the bad one: the file as a whole is still refused.
            int reads = files.wholeReads.get();
            append("sshd: 198.18.0.6\n");
            await(() -> files.wholeReads.get() > reads, "a full look after the refusal");
            quietFor(5);
            assertTrue(decide(access, "198.18.0.6").granted());
            assertEquals(generation, access.status().generation());
        }
    }

    @Test
    void inLibwrapModeAnAppendedLineWithAHazardTakesEffect() throws Exception {
        blocklist(10);
        try (HostsAccess access = live(Mode.LIBWRAP)) {
            append("sshd: 198.18.0.5 # banned by hand\n");
            await(() -> decide(access, "198.18.0.5").denied(), "the appended line, as libwrap reads it");
            assertTrue(access.problems().stream().anyMatch(p -> p.toString().contains(":12: ")), access.problems()
                    .toString());
        }
    }

    @Test
    void anAppendedLineNamingAListIsAFullLoad() throws Exception {
        blocklist(10);
        Files.writeString(dir.resolve("banned"), "198.18.0.8\n");
        try (HostsAccess access = live(Mode.STRICT)) {
            int reads = files.wholeReads.get();
            append("sshd: " + dir.resolve("banned") + "\n");
            await(() -> decide(access, "198.18.0.8").denied(), "the list's address");
            assertTrue(files.wholeReads.get() > reads);
            assertFalse(decide(access, "198.18.0.9").denied());
        }
    }
}
