/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.netty;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.OpenConnections;
import io.github.tcpwrappers.StreamAnswers;
import io.github.tcpwrappers.value.Decision;
import io.github.tcpwrappers.value.Durations;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
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
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides each new channel against hosts.allow / hosts.deny before the rest of the pipeline sees
 * it: a granted channel gets the rule's socket options and banner, then the handler leaves the
 * pipeline; a denied one gets the banner and {@code twist}, then closes. Immutable and
 * {@link Sharable}: one per daemon name, first in every child pipeline. The event loop never
 * blocks (a lookup pauses reading until its answer). Admitted channels close when a later
 * verdict change denies their client. PROXY headers, banners, twist: see the module's README.
 *
 * <pre>{@code
 * HostsAccessHandler wrappers = new HostsAccessHandler(access, "echo");
 * // in initChannel:
 * ch.pipeline().addLast(wrappers, new EchoHandler());
 * }</pre>
 */
@Sharable
public class HostsAccessHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(HostsAccessHandler.class);
    private static final AttributeKey<Admission> ADMISSION = AttributeKey.valueOf(HostsAccessHandler.class, "admission");

    private final HostsAccess access;
    private final String daemon;
    private final Settings settings;
    /** Banners a piece at a time, and twist commands on the channel. */
    private final StreamAnswers answers;
    /** Channels that passed, closed when a verdict change now denies their client. */
    private final OpenConnections<Channel> passed;
    /** One listener for every passed channel: a lambda per channel would be an allocation per accept. */
    private final ChannelFutureListener forget;

    /**
     * A handler's options; immutable.
     *
     * <pre>{@code
     * new HostsAccessHandler(access, "echo", Settings.defaults().trustProxyProtocol(Duration.ofSeconds(5)));
     * }</pre>
     *
     * @param proxyHeaderTimeout present when PROXY headers are trusted: how long to wait for one
     * @param writeTimeLimit the longest a client may take to read a banner before it is closed
     */
    public record Settings(Optional<Duration> proxyHeaderTimeout, Duration writeTimeLimit) {
        /**
         * Checks that the durations are positive.
         *
         * @param proxyHeaderTimeout present when PROXY headers are trusted: how long to wait for one
         * @param writeTimeLimit the longest a client may take to read a banner before it is closed
         */
        public Settings {
            Objects.requireNonNull(proxyHeaderTimeout, "proxyHeaderTimeout")
                    .ifPresent(t -> Durations.positive("proxy header timeout", t));
            Durations.positive("write time limit", writeTimeLimit);
        }

        /** {@return PROXY headers not trusted, banners read within 30 s} */
        public static Settings defaults() {
            return new Settings(Optional.empty(), Duration.ofSeconds(30));
        }

        /**
         * {@return these settings, trusting PROXY headers from an {@code HAProxyMessageDecoder}
         * (netty-codec-haproxy) before the handler}
         *
         * @param headerTimeout how long to wait for the header before closing
         */
        public Settings trustProxyProtocol(Duration headerTimeout) {
            return new Settings(Optional.of(headerTimeout), writeTimeLimit);
        }

        /**
         * {@return these settings with another banner write time limit}
         *
         * @param limit the longest a client may take to read a banner
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
     * A handler asking for {@code daemon} with {@code settings}.
     *
     * @param access the engine that decides
     * @param daemon the daemon name the rules see
     * @param settings the handler's options
     */
    public HostsAccessHandler(HostsAccess access, String daemon, Settings settings) {
        this.access = Objects.requireNonNull(access, "access");
        this.daemon = AccessRequest.requireDaemonName(daemon);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.answers = StreamAnswers.of(access, settings.writeTimeLimit());
        this.passed = OpenConnections.of(access, Channel::close);
        this.forget = f -> passed.remove(f.channel());
        if (settings.proxyHeaderTimeout().isPresent()) {
            // Trusting PROXY headers without the optional codec would decide on the proxy's address.
            try {
                Class.forName("io.netty.handler.codec.haproxy.HAProxyMessageDecoder", false,
                        HostsAccessHandler.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException("trustProxyProtocol needs io.netty:netty-codec-haproxy on the class"
                        + " path (an optional dependency of wrappers-netty)", e);
            }
        }
    }

    /** {@return the daemon name this handler asks for} */
    public final String daemon() {
        return daemon;
    }

    /** {@return this handler's settings} */
    public final Settings settings() {
        return settings;
    }

    /**
     * Runs on the event loop when a connection is granted, after socket options and banner, before
     * the application sees it (not for a grant with {@code twist}). Does nothing by default.
     *
     * @param ctx the channel's context
     * @param decision the engine's decision
     */
    protected void channelAccepted(ChannelHandlerContext ctx, Decision decision) {
    }

    /**
     * Runs on the event loop when a connection is denied; the channel closes when the result
     * completes. By default writes the rule's banner, then runs its twist, as libwrap does.
     *
     * @param ctx the channel's context
     * @param decision the engine's decision
     * @return what the close waits for, or {@code null} to close at once
     */
    protected ChannelFuture channelRejected(ChannelHandlerContext ctx, Decision decision) {
        return bannerAndTwist(ctx, decision);
    }

    /**
     * Runs on the event loop when the engine could not decide; closes the channel by default
     * (a wrapper that cannot decide refuses).
     *
     * @param ctx the channel's context
     * @param cause why there is no decision
     */
    protected void checkFailed(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("{}: cannot decide {}, closing", daemon, ctx.channel(), cause);
        ctx.close();
    }

    @Override
    public final void channelActive(ChannelHandlerContext ctx) {
        Admission a = new Admission(ctx);
        // ProxyHeaders is loaded only when PROXY headers are trusted: the codec jar is optional.
        if (settings.proxyHeaderTimeout().isPresent() && ProxyHeaders.decoderIn(ctx.pipeline())) {
            a.pause();
            a.phase = Phase.AWAIT_HEADER;
            a.headerTimeout = ctx.executor().schedule(() -> {
                if (a.phase == Phase.AWAIT_HEADER) {
                    a.refuse("no PROXY header in time");
                }
            }, settings.proxyHeaderTimeout().get().toNanos(), TimeUnit.NANOSECONDS);
            ctx.read();
        } else {
            decide(a, AccessRequest.of(daemon, ctx.channel().remoteAddress(), ctx.channel().localAddress()));
        }
    }

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) {
        Admission a = ctx.channel().attr(ADMISSION).get();
        if (a == null) {
            ctx.fireChannelRead(msg);
        } else if (a.phase == Phase.AWAIT_HEADER || a.phase == Phase.DECIDING) {
            Optional<AccessRequest> header = a.phase == Phase.AWAIT_HEADER
                    ? ProxyHeaders.request(msg, daemon, ctx.channel()) : Optional.empty();
            if (header.isPresent()) {
                a.headerTimeout.cancel(false);
                decide(a, header.get());
            } else {
                // Only reads this handler asked for come before the decision: one buffer, or the
                // rest of the packet that carried the PROXY header.
                a.held = a.held == null ? new ArrayDeque<>(2) : a.held;
                a.held.add(msg);
            }
        } else {
            try {
                if (a.phase == Phase.TWIST && msg instanceof ByteBuf buf) {
                    a.reply.input(ByteBufUtil.getBytes(buf));
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
    }

    @Override
    public final void channelReadComplete(ChannelHandlerContext ctx) {
        Admission a = ctx.channel().attr(ADMISSION).get();
        if (a == null) {
            ctx.fireChannelReadComplete();
        } else if (a.phase == Phase.AWAIT_HEADER) {
            ctx.read(); // the header may come in pieces
        }
    }

    @Override
    public final void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        Admission a = ctx.channel().attr(ADMISSION).get();
        if (a == null || a.phase != Phase.TWIST || !(event instanceof ChannelInputShutdownEvent)) {
            ctx.fireUserEventTriggered(event);
        } else {
            a.reply.endInput(); // a half-close ends the command's stdin; its output still goes out
        }
    }

    @Override
    public final void channelInactive(ChannelHandlerContext ctx) {
        Admission a = ctx.channel().attr(ADMISSION).get();
        if (a != null) {
            a.stop();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public final void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Admission a = ctx.channel().attr(ADMISSION).get();
        if (a == null || a.phase == Phase.PASSED) {
            ctx.fireExceptionCaught(cause);
        } else {
            // Before admission (a malformed PROXY header among others) the client is refused.
            a.refuse("failed before it was admitted: " + cause);
        }
    }

    private void decide(Admission a, AccessRequest request) {
        a.phase = Phase.DECIDING;
        a.request = request;
        // A change from here until the channel is kept among the open ones (a banner on its way,
        // a lookup) is caught up on then: the admission may be stale by the time it passes.
        a.verdictChanges = access.verdictChanges();
        CompletableFuture<Decision> pending;
        try {
            pending = access.check(request).toCompletableFuture();
        } catch (RuntimeException e) {
            pending = CompletableFuture.failedFuture(e);
        }
        if (pending.isDone() && a.ctx.executor().inEventLoop()) {
            // The common case (no lookup): now, without a task hop or a stage.
            Throwable failure = pending.isCompletedExceptionally() ? pending.handle((d, f) -> f).join() : null;
            act(a, failure == null ? pending.join() : null, failure);
        } else {
            a.pause(); // a lookup: reading stops until the answer (lost if the event loop shut down)
            pending.whenCompleteAsync((decision, failure) -> act(a, decision, failure), a.ctx.executor());
        }
    }

    private void act(Admission a, Decision decision, Throwable failure) {
        ChannelHandlerContext ctx = a.ctx;
        if (a.phase != Phase.DECIDING || !ctx.channel().isActive()) {
            a.stop(); // closed while the lookup ran: nothing to enforce
        } else if (failure != null) {
            a.stop();
            checkFailed(ctx, failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure);
        } else if (decision.granted()) {
            if (decision.keepalive()) {
                ctx.channel().config().setOption(ChannelOption.SO_KEEPALIVE, true);
            }
            decision.lingerSeconds().ifPresent(s -> ctx.channel().config().setOption(ChannelOption.SO_LINGER, s));
            if (decision.twist().isPresent()) {
                // As tcpd: the command runs instead of the daemon, the application never sees the client.
                a.attach();
                a.reject(bannerAndTwist(ctx, decision));
                return;
            }
            CompletableFuture<Void> banner = decision.banner().isEmpty() ? null : a.reply(decision).banner();
            if (banner == null || banner.isDone()) {
                pass(a, decision);
            } else {
                a.pause(); // the application starts once the client took the whole banner
                banner.thenRun(() -> {
                    if (a.phase == Phase.DECIDING) {
                        pass(a, decision);
                    }
                });
            }
        } else {
            a.attach();
            a.reject(channelRejected(ctx, decision));
        }
    }

    private void pass(Admission a, Decision decision) {
        ChannelHandlerContext ctx = a.ctx;
        Channel channel = ctx.channel();
        channelAccepted(ctx, decision);
        if (!channel.isActive()) {
            a.stop(); // the hook closed it
            return;
        }
        a.phase = Phase.PASSED;
        passed.add(channel, a.request, a.verdictChanges);
        channel.closeFuture().addListener(forget);
        if (a.attached) {
            channel.attr(ADMISSION).set(null);
        }
        if (!ctx.isRemoved()) {
            ctx.pipeline().remove(this);
        }
        ctx.fireChannelActive();
        if (a.held != null) {
            for (Object held; (held = a.held.poll()) != null; ) {
                ctx.fireChannelRead(held);
            }
            ctx.fireChannelReadComplete();
        }
        if (a.paused && a.autoRead && channel.isActive()) {
            channel.config().setAutoRead(true);
        }
    }

    /** The rule's banner, then its twist command; the result completes when both are over. */
    private ChannelFuture bannerAndTwist(ChannelHandlerContext ctx, Decision decision) {
        Admission a = ctx.channel().attr(ADMISSION).get();
        if (a == null || !ctx.channel().isActive()) {
            return ctx.newSucceededFuture();
        }
        if (decision.twist().isPresent()) {
            // Reads go to the command from now on; a half-close must reach it, not close the channel.
            a.phase = Phase.TWIST;
            ctx.channel().config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        }
        ChannelPromise done = ctx.newPromise();
        a.reply(decision).done().thenRun(done::trySuccess);
        return done;
    }

    /** CLOSED: refused, closing or closed; its reads are dropped. */
    private enum Phase { AWAIT_HEADER, DECIDING, PASSED, TWIST, CLOSED }

    /** One channel's admission; touched only on its event loop. */
    private final class Admission implements StreamAnswers.Stream {
        final ChannelHandlerContext ctx;
        final boolean autoRead;
        /** Reads that came before the decision; made on the first (most connections have none). */
        ArrayDeque<Object> held;
        Phase phase = Phase.DECIDING;
        ScheduledFuture<?> headerTimeout;
        /** The banner and twist, once started. */
        StreamAnswers.Reply reply;
        /** What was decided: asked again when a verdict change concerns the client. */
        AccessRequest request;
        /** The engine's verdict changes as counted before the admission was decided. */
        long verdictChanges;
        boolean paused;
        boolean attached;

        Admission(ChannelHandlerContext ctx) {
            this.ctx = ctx;
            this.autoRead = ctx.channel().config().isAutoRead();
        }

        /** Makes this the channel's state for later events (a decision made at once never needs it). */
        void attach() {
            if (!attached) {
                attached = true;
                ctx.channel().attr(ADMISSION).set(this);
            }
        }

        /** Stops reading until the decision. */
        void pause() {
            attach();
            if (!paused) {
                paused = true;
                ctx.channel().config().setAutoRead(false);
            }
        }

        /** Ends a connection the application will not see once {@code done} completes (now when null). */
        void reject(ChannelFuture done) {
            if (phase != Phase.TWIST) {
                phase = Phase.CLOSED;
            }
            releaseHeld();
            if (done == null) {
                ctx.close();
            } else {
                done.addListener(f -> ctx.close());
            }
        }

        void refuse(String why) {
            LOG.debug("{}: closing {}: {}", daemon, ctx.channel(), why);
            stop();
            ctx.close();
        }

        void releaseHeld() {
            for (Object msg; held != null && (msg = held.poll()) != null; ) {
                ReferenceCountUtil.release(msg);
            }
        }

        StreamAnswers.Reply reply(Decision decision) {
            reply = answers.reply(decision, this);
            return reply;
        }

        @Override
        public void send(ByteBuffer bytes, Consumer<Optional<Throwable>> sent) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes)).addListener(f -> sent.accept(Optional.ofNullable(f.cause())));
        }

        @Override
        public ScheduledExecutorService executor() {
            return ctx.executor();
        }

        @Override
        public void twistStarts() {
            ctx.channel().config().setAutoRead(true); // the client's bytes go to the command's stdin
        }

        @Override
        public void close() {
            ctx.close();
        }

        @Override
        public String toString() {
            return daemon + " " + ctx.channel();
        }

        void stop() {
            phase = Phase.CLOSED;
            releaseHeld();
            if (headerTimeout != null) {
                headerTimeout.cancel(false);
            }
            if (reply != null) {
                reply.stop();
            }
        }
    }
}
