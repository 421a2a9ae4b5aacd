/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.Mode;
import io.github.tcpwrappers.ReloadEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 18 item 3: {@code generator > hosts.deny} truncates the table and writes it slowly; no
 * moment of that write may be put in force. The denied client's rule is the table's last line,
 * so every part written before the end would let it in. Real files, written as a shell
 * redirection writes them (same inode, truncate, then chunks), while another thread asks.
 */
class InPlaceWriteAttackTest {
    private static final String DENIED = "127.0.0.66";
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    /** hosts.deny: {@code filler} harmless rules, then the one that denies the attacker (and a marker). */
    private static String table(int filler, String marker) {
        StringBuilder text = new StringBuilder("# generated\n");
        for (int i = 0; i < filler; i++) {
            text.append("sshd: 10.1.").append(i / 250).append('.').append(i % 250 + 1).append('\n');
        }
        return text.append("sshd: ").append(DENIED).append(' ').append(marker).append('\n').toString();
    }

    private static AccessRequest from(String client) {
        return AccessRequest.of("sshd", new InetSocketAddress(client, 40000), new InetSocketAddress("127.0.0.1", 22));
    }

    private static boolean denied(HostsAccess access, String client) {
        try {
            return access.checkBlocking(from(client), WAIT).denied();
        } catch (TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    /** Truncates in place and writes {@code text} in {@code chunks} parts cut at line ends, {@code gapMillis} apart. */
    static void writeInPlaceSlowly(Path file, String text, int chunks, long gapMillis) throws IOException,
            InterruptedException {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            int start = 0;
            for (int c = 1; c <= chunks; c++) {
                int end = c == chunks ? bytes.length : lineEndAfter(bytes, bytes.length * c / chunks);
                out.write(ByteBuffer.wrap(bytes, start, end - start));
                start = end;
                Thread.sleep(gapMillis);
            }
        }
    }

    private static int lineEndAfter(byte[] bytes, int from) {
        int i = from;
        while (i < bytes.length && bytes[i - 1] != '\n') {
            i++;
        }
        return i;
    }

    @ParameterizedTest(name = "{0} mode, {1} ms between chunks")
    @CsvSource({"STRICT, 5", "STRICT, 30", "STRICT, 150", "STRICT, 400", "LIBWRAP, 30", "LIBWRAP, 400"})
    void aSlowInPlaceWriteNeverLetsADeniedClientIn(Mode mode, long gapMillis) throws Exception {
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), table(300, "10.9.9.1"));
        AtomicInteger wrongGrants = new AtomicInteger();
        AtomicInteger decisions = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        // A fast poll, as in the measurement: the engine reacts to the truncation at once.
        try (HostsAccess access = HostsAccess.builder().directory(dir).mode(mode).reloadInterval(Duration.ofMillis(20))
                .build()) {
            assertTrue(denied(access, DENIED));
            Thread asker = new Thread(() -> {
                while (!stop.get()) {
                    if (!denied(access, DENIED)) {
                        wrongGrants.incrementAndGet();
                    }
                    decisions.incrementAndGet();
                }
            });
            asker.start();
            writeInPlaceSlowly(dir.resolve("hosts.deny"), table(300, "10.9.9.2"), 6, gapMillis);
            // The whole new table does come into force (the engine is not simply deaf).
            waitUntil(() -> denied(access, "10.9.9.2") && !denied(access, "10.9.9.1"));
            stop.set(true);
            asker.join();
            System.out.printf("in-place write, %s, %d ms gaps: %d wrong grants in %d decisions%n", mode, gapMillis,
                    wrongGrants.get(), decisions.get());
            assertEquals(0, wrongGrants.get(), "wrong grants in " + decisions.get() + " decisions");
        }
    }

    @Test
    void aDeletedTableKeepsTheLastGoodRulesUntilItIsBack() throws Exception {
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), table(3, "10.9.9.1"));
        List<ReloadEvent> events = new CopyOnWriteArrayList<>();
        try (HostsAccess access = HostsAccess.builder().directory(dir).reloadInterval(Duration.ofMillis(20))
                .reloadListener(events::add).build()) {
            Files.delete(dir.resolve("hosts.deny"));
            waitUntil(() -> !events.isEmpty());
            ReloadEvent refused = events.get(0);
            assertFalse(refused.applied());
            String message = refused.problems().get(0).toString();
            assertTrue(message.startsWith(dir.resolve("hosts.deny") + ":0: vanished") && message.contains("write an empty file"),
                    message);
            Thread.sleep(1_500); // longer than the settle time: a deletion is never put in force
            assertTrue(denied(access, DENIED), "the table in force still denies");
            assertEquals(1, access.status().generation());

            Files.writeString(dir.resolve("hosts.deny"), table(3, "10.9.9.2"));
            waitUntil(() -> denied(access, "10.9.9.2"));
        }
    }

    @Test
    void anEmptiedTableComesIntoForceOnlyAfterItHeldStill() throws Exception {
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), table(3, "10.9.9.1"));
        try (HostsAccess access = HostsAccess.builder().directory(dir).reloadInterval(Duration.ofMillis(20)).build()) {
            long emptied = System.nanoTime();
            Files.writeString(dir.resolve("hosts.deny"), "");
            Thread.sleep(2_000); // a writer pausing between its truncate and its first write
            assertTrue(denied(access, DENIED), "two seconds empty is not yet an empty table");
            waitUntil(() -> !denied(access, DENIED));
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - emptied);
            assertTrue(took >= 5_000, "in force after " + took + " ms");
        }
    }

    @Test
    void aPureAppendTakesEffectAtOnce() throws Exception {
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), table(3, "10.9.9.1"));
        // A settle time no test outlives: only the append path can put the change in force.
        try (HostsAccess access = HostsAccess.builder().directory(dir).reloadInterval(Duration.ofMillis(20))
                .settleTime(Duration.ofHours(1)).build()) {
            Files.writeString(dir.resolve("hosts.deny"), "sshd: 10.9.9.3\n", StandardOpenOption.APPEND);
            waitUntil(() -> denied(access, "10.9.9.3"));
            assertTrue(denied(access, DENIED));
            // An append without its newline yet is no whole rule: it waits.
            Files.writeString(dir.resolve("hosts.deny"), "sshd: 10.9.9.4", StandardOpenOption.APPEND);
            Thread.sleep(500);
            assertFalse(denied(access, "10.9.9.4"));
            assertEquals(2, access.status().generation());
        }
    }

    @Test
    void aRewriteThatGrowsButChangesTheOldBytesIsNoAppend() throws Exception {
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), "sshd: 10.9.9.1\n");
        try (HostsAccess access = HostsAccess.builder().directory(dir).reloadInterval(Duration.ofMillis(20))
                .settleTime(Duration.ofHours(1)).build()) {
            // Grown, ends in a newline, same inode, but the first line changed: an edit, not an append.
            Files.writeString(dir.resolve("hosts.deny"), "sshd: 10.9.9.5\nsshd: 10.9.9.6\n");
            Thread.sleep(500);
            assertTrue(denied(access, "10.9.9.1"), "the edit waits for the settle time");
            assertFalse(denied(access, "10.9.9.6"));
        }
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not in force after 20 s");
            }
            Thread.sleep(10);
        }
    }
}
