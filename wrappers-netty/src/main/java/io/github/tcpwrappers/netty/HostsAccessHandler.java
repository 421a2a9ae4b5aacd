package io.github.tcpwrappers.netty;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.Command;
import io.github.tcpwrappers.CommandRunner;
import io.github.tcpwrappers.Decision;
import io.github.tcpwrappers.HostsAccess;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.util.AttributeKey;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 *   <li>denied: {@link #channelRejected} runs (by default: write the banner, or hand the connection
 *       to the rule's {@code twist} command), then the channel closes. The twist command runs on
 *       threads this handler owns, never on the event loop; the client's bytes go to its stdin and
 *       its stdout goes back to the client until it exits, bounded by {@link Settings}.</li>
 * </ul>
 *
 * <p>PROXY protocol: with {@link Settings#trustProxyProtocol(Duration)} and an
 * {@link HAProxyMessageDecoder} before this handler, the decision waits for the PROXY header and
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

    private final HostsAccess access;
    private final String daemon;
    private final Settings settings;
    private final ThreadPoolExecutor twistThreads;
    private final AtomicInteger twistsRunning = new AtomicInteger();

    /**
     * Limits and options of a handler; immutable.
     *
     * <pre>{@code
     * new HostsAccessHandler(access, "echo", Settings.defaults()
     *         .trustProxyProtocol(Duration.ofSeconds(5))
     *         .twistLimits(64 * 1024, Duration.ofSeconds(30), 4));
     * }</pre>
     *
     * @param proxyHeaderTimeout present when PROXY headers are trusted: how long to wait for one
     * @param twistByteLimit the most bytes a twist command may receive from or send to the client
     *     (each way); beyond it the command is killed and the channel closed
     * @param twistTimeLimit the longest a twist command may run before it is killed
     * @param twistLimit the most twist commands this handler runs at once; further denied
     *     connections with a twist are closed without running it
     */
    public record Settings(Optional<Duration> proxyHeaderTimeout, long twistByteLimit, Duration twistTimeLimit,
            int twistLimit) {

        public Settings {
            Objects.requireNonNull(proxyHeaderTimeout, "proxyHeaderTimeout");
            Objects.requireNonNull(twistTimeLimit, "twistTimeLimit");
            proxyHeaderTimeout.ifPresent(t -> positive(t, "proxy header timeout"));
            positive(twistTimeLimit, "twist time limit");
            if (twistByteLimit <= 0) {
                throw new IllegalArgumentException("twist byte limit must be positive: " + twistByteLimit);
            }
            if (twistLimit <= 0) {
                throw new IllegalArgumentException("twist limit must be positive: " + twistLimit);
            }
        }

        private static void positive(Duration d, String what) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + d);
            }
        }

        /** PROXY headers not trusted; twist: 1 MiB each way, 60 s, 8 at once. */
        public static Settings defaults() {
            return new Settings(Optional.empty(), 1 << 20, Duration.ofSeconds(60), 8);
        }

        /** These settings, trusting PROXY headers that arrive within {@code headerTimeout}. */
        public Settings trustProxyProtocol(Duration headerTimeout) {
            return new Settings(Optional.of(headerTimeout), twistByteLimit, twistTimeLimit, twistLimit);
        }

        /** These settings with other twist bounds. */
        public Settings twistLimits(long bytes, Duration time, int concurrent) {
            return new Settings(proxyHeaderTimeout, bytes, time, concurrent);
        }
    }

    /** A handler asking for {@code daemon} with {@link Settings#defaults()}. */
    public HostsAccessHandler(HostsAccess access, String daemon) {
        this(access, daemon, Settings.defaults());
    }

    /** A handler asking for {@code daemon} with the given settings. */
    public HostsAccessHandler(HostsAccess access, String daemon, Settings settings) {
        this.access = Objects.requireNonNull(access, "access");
        this.daemon = Objects.requireNonNull(daemon, "daemon");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (daemon.isEmpty()) {
            throw new IllegalArgumentException("daemon name must not be empty");
        }
        // Each twist needs two blocking threads (its stdout and its stdin), plus headroom for the
        // threads of a twist that is just finishing; idle threads die, so no shutdown is needed.
        AtomicInteger count = new AtomicInteger();
        this.twistThreads = new ThreadPoolExecutor(0, 2 * settings.twistLimit() + 2, 10, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "hosts-access-twist-" + daemon + "-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** The daemon name this handler asks for. */
    public final String daemon() {
        return daemon;
    }

    /** This handler's settings. */
    public final Settings settings() {
        return settings;
    }

    // ---- hooks ---------------------------------------------------------------------------

    /**
     * Called on the event loop when a connection is granted, after socket options and banner and
     * before the handler leaves the pipeline. Does nothing by default.
     */
    protected void channelAccepted(ChannelHandlerContext ctx, Decision decision) {
    }

    /**
     * Called on the event loop when a connection is denied; the channel closes when the returned
     * future completes, or at once when it returns {@code null}. By default writes the rule's
     * banner and runs its twist command, as libwrap does. Override to send your own reply.
     */
    protected ChannelFuture channelRejected(ChannelHandlerContext ctx, Decision decision) {
        ChannelFuture banner = decision.bannerBytes().map(bytes -> writeBanner(ctx, bytes)).orElse(null);
        if (decision.twist().isPresent()) {
            return twist(ctx, decision.twist().get());
        }
        return banner;
    }

    /**
     * Called on the event loop when no decision could be made (the engine failed); closes the
     * channel by default: a wrapper that cannot decide refuses.
     */
    protected void checkFailed(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("{}: cannot decide {}, closing", daemon, ctx.channel(), cause);
        ctx.close();
    }

    // ---- events --------------------------------------------------------------------------

    @Override
    public final void channelActive(ChannelHandlerContext ctx) {
        Admission admission = new Admission(ctx.channel().config().isAutoRead());
        if (settings.proxyHeaderTimeout().isPresent() && ctx.pipeline().get(HAProxyMessageDecoder.class) != null) {
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
                if (msg instanceof HAProxyMessage header) {
                    admission.headerTimeout.cancel(false);
                    admission.phase = Phase.DECIDING;
                    AccessRequest request;
                    try {
                        request = fromHeader(header, ctx);
                    } finally {
                        header.release();
                    }
                    decide(ctx, admission, request);
                } else {
                    admission.hold(msg);
                }
            }
            case DECIDING -> admission.hold(msg);
            case TWIST -> admission.twist.toStdin(msg);
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

    private AccessRequest fromHeader(HAProxyMessage header, ChannelHandlerContext ctx) {
        if (header.command() == HAProxyCommand.LOCAL) {
            // The proxy's own connection (a health check): the socket's addresses are the truth.
            return AccessRequest.of(daemon, ctx.channel().remoteAddress(), ctx.channel().localAddress());
        }
        HAProxyProxiedProtocol protocol = header.proxiedProtocol();
        if (protocol.addressFamily() != HAProxyProxiedProtocol.AddressFamily.AF_IPv4
                && protocol.addressFamily() != HAProxyProxiedProtocol.AddressFamily.AF_IPv6) {
            // UNKNOWN or a Unix socket behind the proxy: no client address, as libwrap would see it.
            return new AccessRequest(daemon, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty());
        }
        return new AccessRequest(daemon, inet(header.sourceAddress(), header.sourcePort()),
                inet(header.destinationAddress(), header.destinationPort()), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    private static Optional<InetSocketAddress> inet(String literal, int port) {
        byte[] bytes = literal == null ? null : NetUtil.createByteArrayFromIpAddressString(literal);
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            // From raw bytes: never a name lookup.
            return Optional.of(new InetSocketAddress(InetAddress.getByAddress(bytes), port));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private void decide(ChannelHandlerContext ctx, Admission admission, AccessRequest request) {
        admission.phase = Phase.DECIDING;
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
            reject(ctx, admission, decision);
        }
    }

    private void accept(ChannelHandlerContext ctx, Admission admission, Decision decision) {
        if (decision.keepalive()) {
            ctx.channel().config().setOption(ChannelOption.SO_KEEPALIVE, true);
        }
        decision.lingerSeconds().ifPresent(s -> ctx.channel().config().setOption(ChannelOption.SO_LINGER, s));
        decision.bannerBytes().ifPresent(bytes -> writeBanner(ctx, bytes));
        channelAccepted(ctx, decision);
        if (!ctx.channel().isActive()) {
            admission.phase = Phase.CLOSED; // the hook closed it
            admission.releaseHeld();
            return;
        }
        admission.phase = Phase.PASSED;
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

    private void reject(ChannelHandlerContext ctx, Admission admission, Decision decision) {
        // Reads until the close (or during a twist) come here, not to the application.
        admission.attach(ctx);
        admission.phase = Phase.REJECTED;
        admission.releaseHeld();
        ChannelFuture done = channelRejected(ctx, decision);
        if (done == null) {
            ctx.close();
        } else {
            done.addListener(f -> ctx.close());
        }
    }

    private static ChannelFuture writeBanner(ChannelHandlerContext ctx, byte[] bytes) {
        return ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes));
    }

    private ChannelFuture twist(ChannelHandlerContext ctx, Command command) {
        Admission admission = ctx.channel().attr(ADMISSION).get();
        ChannelPromise done = ctx.newPromise();
        if (admission == null || !ctx.channel().isActive()) {
            return done.setSuccess();
        }
        if (twistsRunning.incrementAndGet() > settings.twistLimit()) {
            twistsRunning.decrementAndGet();
            LOG.warn("{}: {} twist commands already running, closing {} without one", daemon,
                    settings.twistLimit(), ctx.channel());
            return done.setSuccess();
        }
        Twist twist = new Twist(ctx, command, settings.twistByteLimit(), done);
        try {
            twistThreads.execute(twist::pumpStdout);
        } catch (RejectedExecutionException e) {
            LOG.warn("{}: no thread for a twist command, closing {} without one", daemon, ctx.channel());
            twist.finish();
            return done;
        }
        admission.twist = twist;
        admission.phase = Phase.TWIST;
        ScheduledFuture<?> deadline = ctx.executor().schedule(twist::kill, settings.twistTimeLimit().toNanos(),
                TimeUnit.NANOSECONDS);
        done.addListener(f -> deadline.cancel(false));
        // Twist reads the client: its bytes go to the command's stdin.
        ctx.channel().config().setAutoRead(true);
        return done;
    }

    // ---- per-channel state (touched only on the channel's event loop) -----------------------

    private enum Phase { AWAIT_HEADER, DECIDING, PASSED, REJECTED, TWIST, CLOSED }

    private final class Admission {
        final boolean autoRead;
        final ArrayDeque<Object> held = new ArrayDeque<>(2);
        Phase phase = Phase.DECIDING;
        ScheduledFuture<?> headerTimeout;
        Twist twist;

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

        void stop() {
            releaseHeld();
            if (headerTimeout != null) {
                headerTimeout.cancel(false);
            }
            if (twist != null) {
                twist.kill();
            }
        }
    }

    /** One running twist command and its two pumps. */
    private final class Twist {
        private static final byte[] END = new byte[0];
        private final ChannelHandlerContext ctx;
        private final Command command;
        private final long byteLimit;
        private final ChannelPromise done;
        private final java.util.concurrent.LinkedBlockingQueue<byte[]> stdin =
                new java.util.concurrent.LinkedBlockingQueue<>();
        private long receivedFromClient; // event loop only
        private volatile Process process;
        private volatile boolean killed;

        Twist(ChannelHandlerContext ctx, Command command, long byteLimit, ChannelPromise done) {
            this.ctx = ctx;
            this.command = command;
            this.byteLimit = byteLimit;
            this.done = done;
        }

        /** On the event loop: the client's bytes, queued for the stdin pump. */
        void toStdin(Object msg) {
            try {
                if (!(msg instanceof ByteBuf buf) || killed) {
                    return;
                }
                receivedFromClient += buf.readableBytes();
                if (receivedFromClient > byteLimit) {
                    LOG.debug("{}: twist for {} got more than {} bytes, killed", daemon, ctx.channel(), byteLimit);
                    kill();
                    return;
                }
                byte[] bytes = new byte[buf.readableBytes()];
                buf.readBytes(bytes);
                stdin.add(bytes);
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        /** On a twist thread: starts the command and copies its stdout to the client. */
        void pumpStdout() {
            Process p;
            try {
                p = io.github.tcpwrappers.CommandRunner.startTwist(command);
            } catch (java.io.IOException | RuntimeException e) {
                LOG.warn("{}: cannot start twist command for {}: {}", daemon, ctx.channel(), e.toString());
                finish();
                return;
            }
            process = p;
            if (killed) {
                destroy(p);
            }
            try {
                twistThreads.execute(() -> pumpStdin(p));
            } catch (RejectedExecutionException e) {
                closeQuietly(p.getOutputStream());
            }
            long sent = 0;
            byte[] buffer = new byte[8192];
            try (java.io.InputStream out = p.getInputStream()) {
                for (int n; (n = out.read(buffer)) > 0; ) {
                    if (sent + n > byteLimit) {
                        LOG.debug("{}: twist for {} wrote more than {} bytes, killed", daemon, ctx.channel(), byteLimit);
                        n = (int) (byteLimit - sent);
                        kill();
                    }
                    sent += n;
                    ChannelFuture write = ctx.writeAndFlush(Unpooled.copiedBuffer(buffer, 0, n));
                    // Waiting here (not on the event loop) keeps a slow client from piling up output.
                    if (!write.awaitUninterruptibly(settings.twistTimeLimit().toMillis()) || !write.isSuccess()
                            || killed) {
                        break;
                    }
                }
            } catch (java.io.IOException e) {
                LOG.debug("{}: twist stdout for {}: {}", daemon, ctx.channel(), e.toString());
            } finally {
                if (p.isAlive()) {
                    destroy(p); // closed its stdout but kept running, or was cut off
                }
                stdin.add(END);
                finish();
            }
        }

        /** The command is over: count it out and let the channel close. */
        void finish() {
            twistsRunning.decrementAndGet();
            if (!ctx.executor().isShuttingDown()) { // else the channel closes with its loop
                done.trySuccess();
            }
        }

        /** On a twist thread: copies queued client bytes to the command's stdin. */
        private void pumpStdin(Process p) {
            try (java.io.OutputStream in = p.getOutputStream()) {
                while (true) {
                    byte[] bytes = stdin.poll(1, TimeUnit.SECONDS);
                    if (bytes == END || killed || !p.isAlive()) {
                        return;
                    }
                    if (bytes != null) {
                        in.write(bytes);
                        in.flush();
                    }
                }
            } catch (java.io.IOException e) {
                LOG.debug("{}: twist stdin for {}: {}", daemon, ctx.channel(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** From any thread: stops the command; its stdout ends and the channel closes. */
        void kill() {
            killed = true;
            stdin.add(END);
            Process p = process;
            if (p != null) {
                destroy(p);
            }
        }

        private static void destroy(Process p) {
            // The shell's children may hold its stdout open: the whole tree goes.
            CommandRunner.destroyTree(p);
        }

        private void closeQuietly(java.io.Closeable c) {
            try {
                c.close();
            } catch (java.io.IOException ignored) {
                // the process is gone; nothing to tell it
            }
        }
    }
}
