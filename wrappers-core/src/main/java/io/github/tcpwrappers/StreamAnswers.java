/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import io.github.tcpwrappers.spi.TwistSession;
import io.github.tcpwrappers.value.Command;
import io.github.tcpwrappers.value.Decision;
import io.github.tcpwrappers.value.Durations;
import io.github.tcpwrappers.value.TwistOutput;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What tcpd sends a client on a byte stream, for a door that owns the socket: the rule's banner,
 * then its twist command talking to the client. The banner goes a piece at a time, each once the
 * client took the one before, so a client that does not read holds {@link #MAX_QUEUED} bytes at
 * most, and clients sent the same large banner share one copy; one that has not taken it within
 * the write time limit is closed. Protocol-free and thread-safe: one per door.
 *
 * <pre>{@code
 * StreamAnswers answers = StreamAnswers.of(access, Duration.ofSeconds(30));
 * StreamAnswers.Reply reply = answers.reply(decision, stream);
 * reply.done().whenComplete((ok, failure) -> stream.close());
 * // the client's bytes: reply.input(bytes); its half-close: reply.endInput(); gone: reply.stop()
 * }</pre>
 */
public final class StreamAnswers {
    private static final Logger LOG = LoggerFactory.getLogger(StreamAnswers.class);
    /** Banner bytes a door has queued per connection at most, beyond what the socket took. */
    public static final int MAX_QUEUED = 16 * 1024;
    /** Bytes sent at a time: well under {@link #MAX_QUEUED}, with room for the door's own framing. */
    private static final int PIECE = MAX_QUEUED / 4;

    private final HostsAccess access;
    private final Duration writeTimeLimit;
    /** The last large banner: clients sent the same text share this copy (a banner file is up to 1 MiB). */
    private final AtomicReference<byte[]> lastBanner = new AtomicReference<>(new byte[0]);

    private StreamAnswers(HostsAccess access, Duration writeTimeLimit) {
        this.access = access;
        this.writeTimeLimit = writeTimeLimit;
    }

    /**
     * {@return the answers of a door of {@code access}}
     *
     * @param access the engine that runs twist commands
     * @param writeTimeLimit the longest a client may take to read a banner
     */
    public static StreamAnswers of(HostsAccess access, Duration writeTimeLimit) {
        return new StreamAnswers(Objects.requireNonNull(access, "access"),
                Durations.positive("write time limit", writeTimeLimit));
    }

    /** The door's byte stream to one client. Its methods never block. */
    public interface Stream {
        /**
         * Sends bytes to the client; the next piece waits until {@code sent} is called.
         *
         * @param bytes the bytes (a view of a shared array: the door must not change them)
         * @param sent called once the client's socket took them (empty) or could not (the cause)
         */
        void send(ByteBuffer bytes, Consumer<Optional<Throwable>> sent);

        /** {@return the executor of the stream's thread: the write time limit and the twist start run there} */
        ScheduledExecutorService executor();

        /** The twist command starts: the client's bytes go to {@link Reply#input} from now on. */
        void twistStarts();

        /** Closes the connection (a client that took no banner in time). */
        void close();
    }

    /**
     * Starts the answer to {@code decision} on {@code stream}: its banner, then its twist command
     * once the banner is out.
     *
     * @param decision the engine's decision
     * @param stream the client's stream
     * @return the running answer
     */
    public Reply reply(Decision decision, Stream stream) {
        Reply reply = new Reply(stream);
        CompletableFuture<Void> banner = decision.bannerBytes().map(bytes -> banner(bytes, stream))
                .orElseGet(() -> CompletableFuture.completedFuture(null));
        reply.banner = banner;
        if (decision.twist().isEmpty()) {
            reply.done = banner.handle((ok, failure) -> null);
        } else {
            Command command = decision.twist().get();
            banner.whenComplete((ok, failure) -> {
                if (failure == null) {
                    reply.startTwist(command);
                } else {
                    reply.done.complete(null);
                }
            });
        }
        return reply;
    }

    private CompletableFuture<Void> banner(byte[] bytes, Stream stream) {
        if (bytes.length <= PIECE) {
            return sent(ByteBuffer.wrap(bytes), stream);
        }
        byte[] shared = lastBanner.updateAndGet(known -> Arrays.equals(known, bytes) ? known : bytes);
        CompletableFuture<Void> done = new CompletableFuture<>();
        Future<?> limit = stream.executor().schedule(() -> {
            if (done.completeExceptionally(new TimeoutException("banner not read in time"))) {
                LOG.warn("closing {}: the client took no banner within {} ms (a client that does not read is not kept)",
                        stream, writeTimeLimit.toMillis());
                stream.close();
            }
        }, writeTimeLimit.toNanos(), TimeUnit.NANOSECONDS);
        done.whenComplete((ok, failure) -> limit.cancel(false));
        piece(shared, 0, stream, done);
        return done;
    }

    private static void piece(byte[] bytes, int from, Stream stream, CompletableFuture<Void> done) {
        if (from >= bytes.length) {
            done.complete(null);
        } else if (!done.isDone()) {
            int length = Math.min(PIECE, bytes.length - from);
            // A view of the shared array: never copied per client.
            stream.send(ByteBuffer.wrap(bytes, from, length), failure -> failure.ifPresentOrElse(
                    done::completeExceptionally, () -> piece(bytes, from + length, stream, done)));
        }
    }

    private static CompletableFuture<Void> sent(ByteBuffer bytes, Stream stream) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        stream.send(bytes, failure -> failure.ifPresentOrElse(sent::completeExceptionally, () -> sent.complete(null)));
        return sent;
    }

    /** One client's answer. */
    public final class Reply {
        private final Stream stream;
        private CompletableFuture<Void> banner;
        private CompletableFuture<Void> done = new CompletableFuture<>();
        private volatile TwistSession twist;
        private volatile boolean stopped;

        private Reply(Stream stream) {
            this.stream = stream;
        }

        /** {@return completes when the client took the banner (at once without one); fails when it did not in time} */
        public CompletableFuture<Void> banner() {
            return banner;
        }

        /** {@return completes when the banner and the twist command are over; never fails} */
        public CompletableFuture<Void> done() {
            return done;
        }

        /**
         * The client's bytes, for the twist command's stdin (nothing without one).
         *
         * @param bytes the bytes, handed over
         */
        public void input(byte[] bytes) {
            TwistSession session = twist;
            if (session != null) {
                session.input(bytes);
            }
        }

        /** The client half-closed: the command's stdin ends, its output still goes out. */
        public void endInput() {
            TwistSession session = twist;
            if (session != null) {
                session.endInput();
            }
        }

        /** The client went away: the twist command is killed. */
        public void stop() {
            stopped = true;
            TwistSession session = twist;
            if (session != null) {
                session.stop();
            }
        }

        private void startTwist(Command command) {
            if (stopped) {
                done.complete(null);
                return;
            }
            twist = access.twist(command, new TwistSession.Client() {
                @Override
                public Future<?> send(byte[] chunk) {
                    return sent(ByteBuffer.wrap(chunk), stream);
                }

                @Override
                public void ended(TwistOutput.Ending why) {
                    if (why == TwistOutput.Ending.REFUSED) {
                        LOG.warn("twist command for {} refused by the command limits, closing", stream);
                    }
                    done.complete(null);
                }
            });
            if (stopped) {
                twist.stop(); // the client went away while the session started
            }
            stream.twistStarts();
        }
    }
}
