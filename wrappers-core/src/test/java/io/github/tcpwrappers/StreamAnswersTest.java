/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.value.Decision;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamAnswersTest {
    private static final String LARGE = "x".repeat(100_000) + "\r\n";

    @TempDir
    Path dir;
    private HostsAccess access;
    private ScheduledExecutorService loop;

    /** A client whose socket takes a piece only when the test says so. */
    private final class Client implements StreamAnswers.Stream {
        final List<ByteBuffer> pieces = new CopyOnWriteArrayList<>();
        final List<Consumer<Optional<Throwable>>> waiting = new CopyOnWriteArrayList<>();
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public void send(ByteBuffer bytes, Consumer<Optional<Throwable>> sent) {
            pieces.add(bytes);
            waiting.add(sent);
        }

        @Override
        public ScheduledExecutorService executor() {
            return loop;
        }

        @Override
        public void twistStarts() {
        }

        @Override
        public void close() {
            closed.countDown();
        }

        /** The socket takes the piece it holds. */
        void take() {
            waiting.remove(0).accept(Optional.empty());
        }
    }

    @BeforeEach
    void engine() throws Exception {
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), "");
        access = HostsAccess.builder().directory(dir).build();
        loop = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void close() {
        loop.shutdownNow();
        access.close();
    }

    private static Decision withBanner(String banner) {
        return new Decision(true, Optional.empty(), List.of(), Optional.of(banner), Optional.empty(), List.of(),
                OptionalInt.empty(), false, OptionalInt.empty(), List.of());
    }

    @Test
    void aLargeBannerGoesOnePieceAtATimeEachOnceTheClientTookTheOneBefore() throws Exception {
        Client client = new Client();
        StreamAnswers.Reply reply = StreamAnswers.of(access, Duration.ofSeconds(30)).reply(withBanner(LARGE), client);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        while (!reply.banner().isDone()) {
            assertEquals(1, client.waiting.size(), "one piece queued at a time");
            ByteBuffer piece = client.pieces.get(client.pieces.size() - 1);
            assertTrue(piece.remaining() <= StreamAnswers.MAX_QUEUED, "a piece fits the queue: " + piece.remaining());
            received.write(piece.array(), piece.arrayOffset() + piece.position(), piece.remaining());
            client.take();
        }
        assertArrayEquals(LARGE.getBytes(StandardCharsets.US_ASCII), received.toByteArray());
        assertTrue(client.pieces.size() > 1);
        reply.done().get(5, TimeUnit.SECONDS);
    }

    @Test
    void clientsSentTheSameLargeBannerShareOneCopyOfIt() {
        StreamAnswers answers = StreamAnswers.of(access, Duration.ofSeconds(30));
        Client first = new Client();
        Client second = new Client();
        answers.reply(withBanner(LARGE), first);
        answers.reply(withBanner(new String(LARGE.toCharArray())), second);
        assertSame(first.pieces.get(0).array(), second.pieces.get(0).array());
    }

    @Test
    void aClientThatTakesNoBannerInTimeIsClosedAndTheBannerFails() throws Exception {
        Client client = new Client();
        StreamAnswers.Reply reply = StreamAnswers.of(access, Duration.ofMillis(200)).reply(withBanner(LARGE), client);
        assertTrue(client.closed.await(5, TimeUnit.SECONDS), "closed after the write time limit");
        ExecutionException failure = assertThrows(ExecutionException.class, () -> reply.banner().get(5, TimeUnit.SECONDS));
        assertInstanceOf(TimeoutException.class, failure.getCause());
        reply.done().get(5, TimeUnit.SECONDS); // the answer is over, without a twist to run
    }

    @Test
    void aSmallBannerIsOneSendAndNoTimer() throws Exception {
        Client client = new Client();
        StreamAnswers.Reply reply = StreamAnswers.of(access, Duration.ofMillis(50)).reply(withBanner("hello\r\n"), client);
        assertEquals(1, client.pieces.size());
        Thread.sleep(200); // past the write time limit: a small banner is not timed
        assertEquals(1, client.closed.getCount());
        assertFalse(reply.banner().isDone());
        client.take();
        reply.banner().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aDecisionWithoutBannerOrTwistIsAnsweredAtOnce() {
        Client client = new Client();
        StreamAnswers.Reply reply = StreamAnswers.of(access, Duration.ofSeconds(1)).reply(Decision.grantedByDefault(), client);
        assertTrue(reply.done().isDone());
        assertEquals(List.of(), client.pieces);
        CompletableFuture<Void> banner = reply.banner();
        assertTrue(banner.isDone() && !banner.isCompletedExceptionally());
    }
}
