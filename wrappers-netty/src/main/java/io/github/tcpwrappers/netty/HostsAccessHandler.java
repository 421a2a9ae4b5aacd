/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.netty;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.HostsAccessSettings;
import io.github.tcpwrappers.OpenConnections;
import io.github.tcpwrappers.spi.TwistSession;
import io.github.tcpwrappers.value.Command;
import io.github.tcpwrappers.value.Decision;
import io.github.tcpwrappers.value.TwistOutput;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides every new channel against hosts.allow and hosts.deny before the rest of the pipeline
 * sees it. Immutable and {@link Sharable}: build one per daemon name and add the same instance to
 * every child pipeline, before the channel becomes active (in a {@code ChannelInitializer}).
 *
 * <pre>{@code
 * HostsAccessHandler wrappers = new HostsAccessHandler(access, "echo");
 * // in initChannel:
 * ch.pipeline().addLast(wrappers, new EchoHandler());
 * }</pre>
 *
 * <p>On {@code channelActive} the handler asks {@link HostsAccess#check}. Most answers are
 * immediate; one that needs an asynchronous name or ident lookup stops reading until it arrives
 * (the application sees nothing meanwhile). The answer is acted on in the channel's event loop,
 * which never blocks:
 * <ul>
 *   <li>granted: the rule's {@code keepalive} and {@code linger} become {@link ChannelOption#SO_KEEPALIVE}
 *       and {@link ChannelOption#SO_LINGER}, its banner is written, {@link #channelAccepted} runs, the
 *       handler removes itself, passes {@code channelActive} on and restores reading;</li>
 *   <li>denied: {@link #channelRejected} runs (by default: write the banner, then hand the
 *       connection to the rule's {@code twist} command), then the channel closes;</li>
 *   <li>granted by a rule with {@code twist}: as tcpd, the command answers in the application's
 *       place (see {@link Decision}): banner, twist, close; the application never sees the client.</li>
 * </ul>
 *
 * <p>A twist command runs in the engine ({@link HostsAccess#twist}, within its
 * {@code CommandLimits}), never on the event loop: the client's bytes go to its stdin, its stdout
 * goes back to the client until it exits. A client's half-close ({@code shutdown(SHUT_WR)}) only
 * ends the command's stdin, as with tcpd; its output still arrives.
 *
 * <p>A banner is written a piece at a time, each when the client took the one before, so a client
 * that does not read holds at most one piece of it in memory; one that has not taken the whole
 * banner within {@link Settings#writeTimeLimit()} is closed, and the log says why.
 *
 * <p>Open channels: a channel that passed is decided again whenever the engine reports a
 * verdict change that concerns its client (a bound list changed, or a reload when the engine is
 * built with {@code endOpenConnectionsOnReload(true)}), and closed when it is now denied.
 *
 * <p>PROXY protocol: with {@link Settings#trustProxyProtocol(Duration)} and an
 * {@code HAProxyMessageDecoder} (from {@code netty-codec-haproxy}, an optional dependency: add
 * it when you use it) before this handler, the decision waits for the PROXY header and
 * uses its source and destination; a connection that sends no valid header in time is closed.
 * Without the decoder in the pipeline the socket's own addresses are used.
 *
 * <p>Unix domain sockets and {@code LocalChannel}s have no IP client address: the request's
 * client is unknown (pattern {@code UNKNOWN} matches, {@code %a} expands to {@code unknown}),
 * exactly as libwrap sees a connection on a Unix socket.
 */
@Sharable
public class HostsAccessHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(HostsAccessHandler.class);
    private static final AttributeKey<Admission> ADMISSION =
            AttributeKey.valueOf(HostsAccessHandler.class, "admission");
    /** Banner bytes queued per connection at most (beyond what the socket took). */
    static final int BANNER_PIECE = 16 * 1024;
    /** Bytes handed to the channel at a time: well under a piece, with room for Netty's own framing. */
    private static final int WRITE_PIECE = BANNER_PIECE / 4;

    private final HostsAccess access;
    private final String daemon;
    private final Settings settings;
    /**
     * The last large banner written: connections whose banner is the same text share this copy,
     * so clients that never read do not each hold one (a banner file is up to 1 MiB).
     */
    private final AtomicReference<byte[]> lastBanner = new AtomicReference<>(new byte[0]);
    /**
     * Channels that passed, so a ban (or, when the engine is built so, a reload) that now denies
     * their client closes them too.
     */
    private final OpenConnections<io.netty.channel.Channel> passed;

    /**
     * Limits and options of a handler; immutable. Twist commands are bounded by the engine's
     * {@code CommandLimits} ({@link HostsAccess.Builder#commandLimits}).
     *
     * <pre>{@code
     * new HostsAccessHandler(access, "echo", Settings.defaults()
     *         .trustProxyProtocol(Duration.ofSeconds(5))
     *         .writeTimeLimit(Duration.ofSeconds(10)));
     * }</pre>
     *
     * @param proxyHeaderTimeout present when PROXY headers are trusted: how long to wait for one
     * @param writeTimeLimit the longest a client may take to read a banner before it is closed
     */
    public record Settings(Optional<Duration> proxyHeaderTimeout, Duration writeTimeLimit) {

        /**
         * Checks the settings.
         *
         * @param proxyHeaderTimeout present when PROXY headers are trusted: how long to wait for one
         * @param writeTimeLimit the longest a client may take to read a banner before it is closed
         * @throws IllegalArgumentException for a duration that is not positive
         */
        public Settings {
            Objects.requireNonNull(proxyHeaderTimeout, "proxyHeaderTimeout");
            proxyHeaderTimeout.ifPresent(t -> HostsAccessSettings.positive("proxy header timeout", t));
            HostsAccessSettings.positive("write time limit", Objects.requireNonNull(writeTimeLimit, "writeTimeLimit"));
        }

        /**
         * PROXY headers not trusted; banners read within 30 s.
         *
         * @return the default settings
         */
        public static Settings defaults() {
            return new Settings(Optional.empty(), Duration.ofSeconds(30));
        }

        /**
         * These settings, trusting PROXY headers that arrive within {@code headerTimeout}.
         *
         * @param headerTimeout how long to wait for the PROXY header
         * @return the new settings
         */
        public Settings trustProxyProtocol(Duration headerTimeout) {
            return new Settings(Optional.of(headerTimeout), writeTimeLimit);
        }

        /**
         * These settings with another banner write time limit.
         *
         * @param limit the longest a client may take to read a banner
         * @return the new settings
         */
        public Settings writeTimeLimit(Duration limit) {
            return new Settings(proxyHeaderTimeout, limit);
        }
    }

    /**
     * A handler asking for {@code daemon} with {@link Settings#defaults()}.
     *
     * @param access the engine that decides
     * @param daemon the daemon name the rules see
     */
    public HostsAccessHandler(HostsAccess access, String daemon) {
        this(access, daemon, Settings.defaults());
    }

    /**
     * A handler asking for {@code daemon} with the given settings.
     *
     * @param access the engine that decides
     * @param daemon the daemon name the rules see
     * @param settings the handler's limits and options
     */
    public HostsAccessHandler(HostsAccess access, String daemon, Settings settings) {
        this.access = Objects.requireNonNull(access, "access");
        this.daemon = daemon;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.passed = OpenConnections.of(access, channel -> channel.close());
        AccessRequest.requireDaemonName(daemon);
        if (settings.proxyHeaderTimeout().isPresent()) {
            requireProxyCodec();
        }
    }

    /** Trusting PROXY headers without the (optional) codec would silently decide on the proxy's address. */
    private static void requireProxyCodec() {
        try {
            Class.forName("io.netty.handler.codec.haproxy.HAProxyMessageDecoder", false,
                    HostsAccessHandler.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("trustProxyProtocol needs io.netty:netty-codec-haproxy on the class path"
                    + " (an optional dependency of wrappers-netty)", e);
        }
    }

    /**
     * The daemon name this handler asks for.
     *
     * @return the daemon name this handler asks for
     */
    public final String daemon() {
        return daemon;
    }

    /**
     * This handler's settings.
     *
     * @return this handler's settings
     */
    public final Settings settings() {
        return settings;
    }

    // ---- hooks ---------------------------------------------------------------------------

    /**
     * Called on the event loop when a connection is granted, after socket options and banner and
     * before the handler leaves the pipeline (not for a grant with {@code twist}: that client
     * never reaches the application). Does nothing by default.
     *
     * @param ctx the channel's context
     * @param decision the engine's decision
     */
    protected void channelAccepted(ChannelHandlerContext ctx, Decision decision) {
    }

    /**
     * Called on the event loop when a connection is denied; the channel closes when the returned
     * future completes, or at once when it returns {@code null}. By default writes the rule's
     * banner and runs its twist command, as libwrap does. Override to send your own reply.
     *
     * @param ctx the channel's context
     * @param decision the engine's decision
     * @return what the close waits for, or {@code null} to close at once
     */
    protected ChannelFuture channelRejected(ChannelHandlerContext ctx, Decision decision) {
        return bannerAndTwist(ctx, decision);
    }

    /**
     * Called on the event loop when no decision could be made (the engine failed); closes the
     * channel by default: a wrapper that cannot decide refuses.
     *
     * @param ctx the channel's context
     * @param cause why no decision could be made
     */
    protected void checkFailed(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("{}: cannot decide {}, closing", daemon, ctx.channel(), cause);
        ctx.close();
    }

    // ---- events --------------------------------------------------------------------------

    @Override
    public final void channelActive(ChannelHandlerContext ctx) {
        Admission admission = new Admission(ctx.channel().config().isAutoRead());
        // ProxyHeaders is loaded only when PROXY headers are trusted: the codec jar is optional.
        if (settings.proxyHeaderTimeout().isPresent() && ProxyHeaders.decoderIn(ctx.pipeline())) {
            admission.pause(ctx);
            admission.phase = Phase.AWAIT_HEADER;
            long nanos = settings.proxyHeaderTimeout().get().toNanos();
            admission.headerTimeout = ctx.executor().schedule(() -> headerMissing(ctx, admission), nanos,
                    TimeUnit.NANOSECONDS);
            ctx.read();
            return;
        }
        decide(ctx, admission, AccessRequest.of(daemon, ctx.channel().remoteAddress(), ctx.channel().localAddress()));
    }

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) {
        Admission admission = ctx.channel().attr(ADMISSION).get();
        if (admission == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        switch (admission.phase) {
            case AWAIT_HEADER -> {
                Optional<AccessRequest> request = ProxyHeaders.request(msg, daemon, ctx.channel());
                if (request.isPresent()) {
                    admission.headerTimeout.cancel(false);
                    decide(ctx, admission, request.get());
                } else {
                    admission.hold(msg);
                }
            }
            case DECIDING -> admission.hold(msg);
            case TWIST -> {
                try {
                    if (msg instanceof ByteBuf buf && admission.twist != null) {
                        admission.twist.input(ByteBufUtil.getBytes(buf));
                    }
                } finally {
                    ReferenceCountUtil.release(msg);
                }
            }
            default -> ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public final void channelReadComplete(ChannelHandlerContext ctx) {
        Admission admission = ctx.channel().attr(ADMISSION).get();
        if (admission == null) {
            ctx.fireChannelReadComplete();
        } else if (admission.phase == Phase.AWAIT_HEADER) {
            ctx.read(); // the header may come in pieces
        }
    }

    @Override
    public final void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        Admission admission = ctx.channel().attr(ADMISSION).get();
        if (admission != null && admission.phase == Phase.TWIST && event instanceof ChannelInputShutdownEvent) {
            // The client half-closed: the command's stdin ends, its output still goes out.
            if (admission.twist != null) {
                admission.twist.endInput();
            }
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public final void channelInactive(ChannelHandlerContext ctx) {
        Admission admission = ctx.channel().attr(ADMISSION).get();
        if (admission != null) {
            admission.phase = Phase.CLOSED;
            admission.stop();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public final void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Admission admission = ctx.channel().attr(ADMISSION).get();
        if (admission != null && admission.phase == Phase.AWAIT_HEADER) {
            // A malformed PROXY header: the client cannot be known, so it is refused.
            LOG.debug("{}: bad PROXY header from {}: {}", daemon, ctx.channel(), cause.toString());
            admission.phase = Phase.REJECTED;
            admission.stop();
            ctx.close();
        } else if (admission != null && admission.phase != Phase.PASSED) {
            LOG.debug("{}: {} failed before it was admitted: {}", daemon, ctx.channel(), cause.toString());
            ctx.close();
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }

    // ---- deciding ------------------------------------------------------------------------

    private void headerMissing(ChannelHandlerContext ctx, Admission admission) {
        if (admission.phase == Phase.AWAIT_HEADER) {
            LOG.debug("{}: no PROXY header from {} in time, closing", daemon, ctx.channel());
            admission.phase = Phase.REJECTED;
            admission.stop();
            ctx.close();
        }
    }

    private void decide(ChannelHandlerContext ctx, Admission admission, AccessRequest request) {
        admission.phase = Phase.DECIDING;
        admission.request = request;
        CompletableFuture<Decision> pending;
        try {
            pending = access.check(request).toCompletableFuture();
        } catch (RuntimeException e) {
            pending = CompletableFuture.failedFuture(e);
        }
        if (pending.isDone() && ctx.executor().inEventLoop()) {
            // The common case (no lookup needed): act now, without a task hop.
            Decision decision = null;
            Throwable failure = null;
            try {
                decision = pending.join();
            } catch (RuntimeException e) {
                failure = e.getCause() != null ? e.getCause() : e;
            }
            act(ctx, admission, decision, failure);
            return;
        }
        // The answer needs a lookup: stop reading and keep what arrives until it comes.
        admission.pause(ctx);
        pending.whenComplete((decision, failure) -> {
            try {
                ctx.executor().execute(() -> act(ctx, admission, decision, failure));
            } catch (RejectedExecutionException e) {
                // The event loop is shutting down; the channel goes with it.
                LOG.debug("{}: decision for {} arrived after shutdown", daemon, ctx.channel());
            }
        });
    }

    private void act(ChannelHandlerContext ctx, Admission admission, Decision decision, Throwable failure) {
        if (admission.phase != Phase.DECIDING || !ctx.channel().isActive()) {
            // Closed while the lookup ran: nothing to enforce.
            admission.stop();
            return;
        }
        if (failure != null) {
            admission.phase = Phase.REJECTED;
            admission.stop();
            checkFailed(ctx, failure);
        } else if (decision.granted()) {
            accept(ctx, admission, decision);
        } else {
            admission.attach(ctx);
            reject(ctx, admission, decision, channelRejected(ctx, decision));
        }
    }

    private void accept(ChannelHandlerContext ctx, Admission admission, Decision decision) {
        if (decision.keepalive()) {
            ctx.channel().config().setOption(ChannelOption.SO_KEEPALIVE, true);
        }
        decision.lingerSeconds().ifPresent(s -> ctx.channel().config().setOption(ChannelOption.SO_LINGER, s));
        if (decision.twist().isPresent()) {
            // tcpd runs the command instead of the daemon: the application never sees this client.
            admission.attach(ctx);
            reject(ctx, admission, decision, bannerAndTwist(ctx, decision));
            return;
        }
        ChannelFuture banner = decision.bannerBytes().map(bytes -> writeBanner(ctx, bytes)).orElse(null);
        if (banner == null || banner.isDone()) {
            pass(ctx, admission, decision);
        } else {
            // A banner the client is slow to take: the application starts once it has it all.
            admission.pause(ctx);
            banner.addListener(f -> {
                if (f.isSuccess() && admission.phase == Phase.DECIDING) {
                    pass(ctx, admission, decision);
                }
            });
        }
    }

    private void pass(ChannelHandlerContext ctx, Admission admission, Decision decision) {
        channelAccepted(ctx, decision);
        if (!ctx.channel().isActive()) {
            admission.phase = Phase.CLOSED; // the hook closed it
            admission.releaseHeld();
            return;
        }
        admission.phase = Phase.PASSED;
        io.netty.channel.Channel channel = ctx.channel();
        passed.add(channel, admission.request);
        channel.closeFuture().addListener(f -> passed.remove(channel));
        if (admission.paused) {
            ctx.channel().attr(ADMISSION).set(null);
        }
        if (!ctx.isRemoved()) {
            ctx.pipeline().remove(ctx.name());
        }
        ctx.fireChannelActive();
        boolean read = false;
        for (Object held; (held = admission.held.poll()) != null; ) {
            ctx.fireChannelRead(held);
            read = true;
        }
        if (read) {
            ctx.fireChannelReadComplete();
        }
        if (admission.paused && admission.autoRead && ctx.channel().isActive()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    /** Ends a connection the application will not see once {@code done} completes (now when null). */
    private void reject(ChannelHandlerContext ctx, Admission admission, Decision decision, ChannelFuture done) {
        // Reads until the close (or during a twist) come here, not to the application.
        admission.attach(ctx);
        if (admission.phase != Phase.TWIST) {
            admission.phase = Phase.REJECTED;
        }
        admission.releaseHeld();
        if (done == null) {
            ctx.close();
        } else {
            done.addListener(f -> ctx.close());
        }
    }

    /** The rule's banner, then its twist command (once the banner is out); the future ends with both. */
    private ChannelFuture bannerAndTwist(ChannelHandlerContext ctx, Decision decision) {
        ChannelFuture banner = decision.bannerBytes().map(bytes -> writeBanner(ctx, bytes)).orElse(null);
        if (decision.twist().isEmpty()) {
            return banner;
        }
        Command command = decision.twist().get();
        Admission admission = ctx.channel().attr(ADMISSION).get();
        if (admission == null || !ctx.channel().isActive()) {
            return banner;
        }
        // Reads go to the command from now on; a half-close must reach it, not close the channel.
        admission.phase = Phase.TWIST;
        ctx.channel().config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        ChannelPromise done = ctx.newPromise();
        if (banner == null) {
            admission.startTwist(ctx, command, done);
        } else {
            banner.addListener(f -> {
                if (f.isSuccess()) {
                    admission.startTwist(ctx, command, done);
                } else {
                    done.trySuccess();
                }
            });
        }
        return done;
    }

    /**
     * Writes a banner a piece at a time, each once the socket took the one before; closes a
     * client that has not taken it all within the write time limit.
     */
    private ChannelFuture writeBanner(ChannelHandlerContext ctx, byte[] bytes) {
        if (bytes.length <= WRITE_PIECE) {
            return ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes));
        }
        byte[] known = lastBanner.get();
        byte[] shared = Arrays.equals(known, bytes) ? known : bytes;
        lastBanner.set(shared);
        ChannelPromise done = ctx.newPromise();
        ScheduledFuture<?> limit = ctx.executor().schedule(() -> {
            if (done.tryFailure(new IOException("banner not read in time"))) {
                LOG.warn("{}: closing {}: the client took no banner within {} ms (a client that does not read"
                        + " is not kept)", daemon, ctx.channel(), settings.writeTimeLimit().toMillis());
                ctx.close();
            }
        }, settings.writeTimeLimit().toNanos(), TimeUnit.NANOSECONDS);
        done.addListener(f -> limit.cancel(false));
        writePiece(ctx, shared, 0, done);
        return done;
    }

    private void writePiece(ChannelHandlerContext ctx, byte[] bytes, int from, ChannelPromise done) {
        if (done.isDone()) {
            return;
        }
        if (from >= bytes.length) {
            done.trySuccess();
            return;
        }
        int next = Math.min(bytes.length, from + WRITE_PIECE);
        // A wrapped slice: the shared array is never copied per client, only handed out a piece at a time.
        ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes, from, next - from)).addListener(f -> {
            if (f.isSuccess()) {
                writePiece(ctx, bytes, next, done);
            } else {
                done.tryFailure(f.cause());
            }
        });
    }

    // ---- per-channel state (touched only on the channel's event loop) -----------------------

    private enum Phase { AWAIT_HEADER, DECIDING, PASSED, REJECTED, TWIST, CLOSED }

    private final class Admission {
        final boolean autoRead;
        final ArrayDeque<Object> held = new ArrayDeque<>(2);
        Phase phase = Phase.DECIDING;
        ScheduledFuture<?> headerTimeout;
        TwistSession twist;
        /** What was decided: asked again when a verdict change concerns the client. */
        AccessRequest request;
        boolean stopped;

        boolean paused;
        private boolean attached;

        Admission(boolean autoRead) {
            this.autoRead = autoRead;
        }

        /** Makes this the channel's state, so that events arriving later find it. */
        void attach(ChannelHandlerContext ctx) {
            if (!attached) {
                attached = true;
                ctx.channel().attr(ADMISSION).set(this);
            }
        }

        /** Stops reading until the decision (a decision made at once never pauses). */
        void pause(ChannelHandlerContext ctx) {
            attach(ctx);
            if (!paused) {
                paused = true;
                ctx.channel().config().setAutoRead(false);
            }
        }

        void hold(Object msg) {
            // Only reads this handler asked for arrive before the decision (one buffer, or the
            // rest of the packet that carried the PROXY header), so this stays small.
            held.add(msg);
        }

        void releaseHeld() {
            for (Object msg; (msg = held.poll()) != null; ) {
                ReferenceCountUtil.release(msg);
            }
        }

        /** Hands the connection to the engine's twist session; {@code done} completes when it ends. */
        void startTwist(ChannelHandlerContext ctx, Command command, ChannelPromise done) {
            if (stopped || !ctx.channel().isActive()) {
                done.trySuccess();
                return;
            }
            twist = access.twist(command, new TwistSession.Client() {
                @Override
                public Future<?> send(byte[] chunk) {
                    return ctx.writeAndFlush(Unpooled.wrappedBuffer(chunk));
                }

                @Override
                public void ended(TwistOutput.Ending why) {
                    if (why == TwistOutput.Ending.REFUSED) {
                        LOG.warn("{}: twist command for {} refused by the command limits, closing", daemon,
                                ctx.channel());
                    }
                    done.trySuccess();
                }
            });
            // Twist reads the client: its bytes go to the command's stdin.
            ctx.channel().config().setAutoRead(true);
        }

        void stop() {
            stopped = true;
            releaseHeld();
            if (headerTimeout != null) {
                headerTimeout.cancel(false);
            }
            if (twist != null) {
                twist.stop();
            }
        }
    }
}
