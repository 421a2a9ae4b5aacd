/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.grpc;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.Answer;
import io.github.tcpwrappers.ConnectionDecisions;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.HostsAccessSettings;
import io.github.tcpwrappers.OpenConnections;
import io.github.tcpwrappers.value.CommandLimits;
import io.github.tcpwrappers.value.Decision;
import io.grpc.Attributes;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerTransportFilter;
import io.grpc.Status;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Enforces hosts.allow / hosts.deny on gRPC calls: a refused call is closed with
 * {@link Status#PERMISSION_DENIED} before the service sees it, its description taken from the
 * rule's {@code twist} output or {@code banners} text (bounded), else {@code "access denied"}.
 * Immutable and thread-safe; one instance serves a whole server.
 *
 * <pre>{@code
 * HostsAccess access = HostsAccess.builder().directory(Path.of("/etc")).build();
 * ExecutorService app = Executors.newFixedThreadPool(8);    // the server's application executor
 * Server server = NettyServerBuilder.forAddress(new InetSocketAddress("0.0.0.0", 50051)).executor(app)
 *     .addService(ServerInterceptors.intercept(greeter, HostsAccessInterceptor.forDaemon(access, "greeter", app)))
 *     .build().start();
 * // or let rules name services:   helloworld.Greeter : 10.0.0.0/8
 * ServerBuilder.forPort(50051).executor(app).intercept(HostsAccessInterceptor.perService(access, app));
 * }</pre>
 *
 * <p><b>Which client.</b> The client is {@link Grpc#TRANSPORT_ATTR_REMOTE_ADDR}, the server end
 * {@link Grpc#TRANSPORT_ATTR_LOCAL_ADDR}. A call whose transport does not report both is
 * refused (fail closed). Non-IP addresses (in-process, Unix sockets) count as
 * {@code unknown}, as libwrap sees a Unix socket.
 *
 * <p><b>Once per connection.</b> Like tcpd, the engine decides once per connection and daemon
 * name, and that decision (with its logging, {@code spawn} and {@code twist}) serves every later
 * call on the connection until the rules reload (a new {@link HostsAccess#generation() generation} is in force; the
 * next call decides again). A connection is known by
 * its transport attributes. Without {@link #transportFilter()} the interceptor remembers the
 * last {@link #withMaxConnections(int) 4096} connections it saw (a forgotten one that calls
 * again is decided again); with the filter installed, decisions live exactly as long as their
 * connection.
 *
 * <p><b>Never blocks.</b> When rules need the client's name or user, the lookup runs
 * asynchronously (as does a twist command) and the call is <em>held</em>: the service's handler is not started, so it
 * requests no messages, and the few events the transport still delivers (ready, half-close,
 * cancel) are buffered. When the decision arrives, the call resumes on
 * the executor given to the factory (in the call's {@link Context}): the handler starts
 * and the buffered events are replayed in order, or the call is closed. A call cancelled while
 * held never reaches the service. A decision that does not arrive within
 * {@link #withTimeout(Duration) the timeout} (default 10 s) or fails closes the call with
 * {@link Status#UNAVAILABLE} and is not remembered. Decisions that need no lookup (the common
 * case) are made inline with no thread hop.
 *
 * <p><b>What rules do here.</b> A {@code twist} command takes the place of the service, as in
 * tcpd, even on a granted rule: it runs once per connection with empty input, in the engine
 * ({@link HostsAccess#twistOutput}, within its {@link CommandLimits}: count, time, bytes), and
 * the first {@link #withDescriptionLimit(int) 1024 bytes} of its output become the description
 * of every call refused on that connection (a twist the limits refuse leaves the banner or the
 * plain text). A {@code banners} text describes refusals; on a granted call it is not
 * sent, since gRPC has no stream to write it before the service answers. {@code keepalive}
 * and {@code linger} are not applied: the transport owns the socket.
 *
 * <p><b>What a service can learn.</b> A granted call's handler runs in a {@link Context} whose
 * {@link #DECISION} key holds the grant: the rule that matched (file:line, absent for the
 * default grant), every option the rule ran with expanded values ({@code setenv NAME value}
 * among them: nothing is set in this process's environment), the {@code severity} it chose
 * and the {@code keepalive}/{@code linger} it asked for. The engine has already logged the
 * decision and started its {@code spawn} commands. A refused call never reaches the service.
 */
public final class HostsAccessInterceptor implements ServerInterceptor {
    /**
     * The {@link Decision} that admitted the call, in the {@link Context} the service's handler
     * runs in: verdict, rule (file:line), the options it ran with their expanded values
     * (including {@code setenv}), severity, keepalive and linger as asked. Only granted calls
     * reach a service, so the decision it reads is always a grant.
     *
     * <pre>{@code
     * Decision d = HostsAccessInterceptor.DECISION.get();
     * d.rule().ifPresent(rule -> log.info("admitted by {}", rule));
     * }</pre>
     */
    public static final Context.Key<Decision> DECISION = Context.key("io.github.tcpwrappers.decision");

    private static final Verdict NO_ADDRESS = new Verdict(
            Status.PERMISSION_DENIED.withDescription("access denied: the transport reports no client address"), true,
            Optional.empty());
    private static final ServerCall.Listener<Object> NOOP = new ServerCall.Listener<>() {
    };

    private final HostsAccess access;
    private final Optional<String> daemon;
    private final Executor executor;
    private final Duration timeout;
    private final int descriptionLimit;
    private final int maxConnections;
    /** Once per connection and daemon name, as tcpd. */
    private final ConnectionDecisions<Verdict> decisions;
    /** Where {@link #transportFilter()} keeps this interceptor's decisions on a connection. */
    private final Attributes.Key<ConnectionDecisions.Connection<Verdict>> connectionAttribute =
            Attributes.Key.create("tcpwrappers.connection");
    /** Granted calls still running: a verdict change that now denies their client closes them. */
    private final OpenConnections<GuardedCall<?, ?>> running;

    private HostsAccessInterceptor(HostsAccess access, Optional<String> daemon, Executor executor, Duration timeout,
            int descriptionLimit, int maxConnections) {
        this.access = Objects.requireNonNull(access, "access");
        this.daemon = daemon;
        this.executor = Objects.requireNonNull(executor, "executor");
        this.timeout = HostsAccessSettings.positive("timeout", Objects.requireNonNull(timeout, "timeout"));
        if (descriptionLimit < 16) {
            throw new IllegalArgumentException("descriptionLimit must be at least 16 bytes: " + descriptionLimit);
        }
        this.descriptionLimit = descriptionLimit;
        this.maxConnections = maxConnections;
        this.decisions = ConnectionDecisions.of(access, maxConnections, Verdict::lasting);
        this.running = OpenConnections.of(access, GuardedCall::endDenied);
    }

    /**
     * An interceptor that asks the rules about one daemon name for every call. Calls held for a
     * lookup resume on {@code executor}, where their handler starts: give the server's
     * application executor (the one passed to {@code ServerBuilder.executor}).
     *
     * <pre>{@code
     * ServerInterceptors.intercept(service, HostsAccessInterceptor.forDaemon(access, "greeter", appExecutor));
     * }</pre>
     *
     * @param access the engine that decides
     * @param daemon the daemon name the rules see
     * @param executor where calls held for a decision resume (the server's application executor)
     * @return the interceptor
     * @throws IllegalArgumentException when no rule could name the daemon
     *     ({@link AccessRequest#requireDaemonName})
     */
    public static HostsAccessInterceptor forDaemon(HostsAccess access, String daemon, Executor executor) {
        return new HostsAccessInterceptor(access, Optional.of(AccessRequest.requireDaemonName(daemon)), executor,
                Duration.ofSeconds(10), 1024, 4096);
    }

    /**
     * An interceptor whose daemon name is the called service's fully qualified name
     * ({@link MethodDescriptor#getServiceName()}), so rules can target services:
     * {@code helloworld.Greeter : 10.0.0.0/8}, or a whole package: {@code helloworld. : LOCAL}.
     *
     * <pre>{@code
     * ServerBuilder.forPort(50051).addService(greeter).intercept(HostsAccessInterceptor.perService(access, appExecutor));
     * }</pre>
     *
     * @param access the engine that decides
     * @param executor where calls held for a decision resume (the server's application executor)
     * @return the interceptor
     */
    public static HostsAccessInterceptor perService(HostsAccess access, Executor executor) {
        return new HostsAccessInterceptor(access, Optional.empty(), executor, Duration.ofSeconds(10), 1024, 4096);
    }

    /**
     * The longest a call is held for a decision before it is closed UNAVAILABLE (default 10 s).
     *
     * @param timeout the longest a call is held for a decision
     * @return this interceptor with that timeout
     */
    public HostsAccessInterceptor withTimeout(Duration timeout) {
        return new HostsAccessInterceptor(access, daemon, executor, timeout, descriptionLimit, maxConnections);
    }

    /**
     * The most UTF-8 bytes of banner or twist output a refusal's description carries (default 1024).
     *
     * @param bytes the most UTF-8 bytes of a description, at least 16
     * @return this interceptor with that limit
     */
    public HostsAccessInterceptor withDescriptionLimit(int bytes) {
        return new HostsAccessInterceptor(access, daemon, executor, timeout, bytes, maxConnections);
    }

    /**
     * How many connections' decisions are remembered when {@link #transportFilter()} is not
     * installed (default 4096); past that, arbitrary ones are forgotten and decided again.
     *
     * @param maxConnections how many connections to remember, at least 1
     * @return this interceptor with that bound
     */
    public HostsAccessInterceptor withMaxConnections(int maxConnections) {
        return new HostsAccessInterceptor(access, daemon, executor, timeout, descriptionLimit, maxConnections);
    }

    /**
     * <b>Experimental.</b> A transport filter that ties this interceptor's decisions to the
     * lifetime of each connection, instead of a bounded memory of recent ones. Install the filter
     * of the same instance that intercepts calls.
     *
     * <pre>{@code
     * NettyServerBuilder.forAddress(address)
     *     .addTransportFilter(interceptor.transportFilter())
     *     .intercept(interceptor);
     * }</pre>
     *
     * @return the transport filter
     */
    public ServerTransportFilter transportFilter() {
        return new ConnectionFilter(false);
    }

    /**
     * <b>Experimental.</b> Like {@link #transportFilter()}, and also decides when a connection
     * becomes ready, closing the connection itself when the rules deny it at once (no lookup,
     * no twist): the connection is closed with an HTTP/2 GOAWAY before any call is read, so
     * clients see their calls fail ({@link Status#INTERNAL} in grpc-java 1.85, naming the refusal
     * in the GOAWAY debug data) and never see a banner. A decision that needs a lookup or runs a twist command is left to the calls, which
     * are refused as usual. Relies on grpc-java closing a transport whose filter throws, which is
     * not a documented contract of {@link ServerTransportFilter}.
     *
     * @return the transport filter
     * @throws IllegalStateException for a {@link #perService} interceptor: no service is known
     *     when the connection opens
     */
    public ServerTransportFilter rejectingTransportFilter() {
        if (daemon.isEmpty()) {
            throw new IllegalStateException("connection-level rejection needs a fixed daemon name (forDaemon)");
        }
        return new ConnectionFilter(true);
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        String name = daemon.isPresent() ? daemon.get() : serviceDaemon(call.getMethodDescriptor());
        Attributes attributes = call.getAttributes();
        CompletableFuture<Verdict> pending = connection(attributes).verdict(name, d -> decide(d, attributes));
        Verdict verdict = pending.getNow(null);
        if (verdict != null) {
            return apply(verdict, name, call, headers, next);
        }
        HeldListener<ReqT> held = new HeldListener<>();
        Context context = Context.current();
        pending.thenAccept(decided -> {
            try {
                executor.execute(() -> context.run(() -> resume(decided, name, held, call, headers, next, context)));
            } catch (RejectedExecutionException e) {
                // Never leave the call hanging: refuse it here, without starting the service.
                resume(new Verdict(Status.UNAVAILABLE.withDescription("access decision could not resume the call")
                        .withCause(e), false, Optional.empty()), name, held, call, headers, next, context);
            }
        });
        return held;
    }

    private static String serviceDaemon(MethodDescriptor<?, ?> method) {
        String service = method.getServiceName();
        return service != null ? service : method.getFullMethodName();
    }

    private <ReqT, RespT> ServerCall.Listener<ReqT> apply(Verdict verdict, String name, ServerCall<ReqT, RespT> call,
            Metadata headers, ServerCallHandler<ReqT, RespT> next) {
        if (verdict.status().isOk()) {
            return startGuarded(name, call, headers, next, Context.current(), verdict.decision().orElseThrow());
        }
        call.close(verdict.status(), new Metadata());
        return noop();
    }

    /**
     * Starts a granted call behind a {@link GuardedCall}, kept among the running calls until it
     * ends, so a verdict change that denies its client closes it.
     */
    private <ReqT, RespT> ServerCall.Listener<ReqT> startGuarded(String name, ServerCall<ReqT, RespT> call,
            Metadata headers, ServerCallHandler<ReqT, RespT> next, Context context, Decision grant) {
        SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        SocketAddress local = call.getAttributes().get(Grpc.TRANSPORT_ATTR_LOCAL_ADDR);
        GuardedCall<ReqT, RespT> guarded = new GuardedCall<>(call);
        running.add(guarded, AccessRequest.of(name, remote, local));
        ServerCall.Listener<ReqT> listener;
        try {
            listener = Contexts.interceptCall(context.withValue(DECISION, grant), guarded, headers, next);
        } catch (RuntimeException e) {
            running.remove(guarded);
            throw e;
        }
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onComplete() {
                running.remove(guarded);
                super.onComplete();
            }

            @Override
            public void onCancel() {
                running.remove(guarded);
                super.onCancel();
            }
        };
    }

    private <ReqT, RespT> void resume(Verdict verdict, String name, HeldListener<ReqT> held,
            ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next, Context context) {
        if (held.cancelled()) {
            held.resume(noop());
            return;
        }
        if (!verdict.status().isOk()) {
            call.close(verdict.status(), new Metadata());
            held.resume(noop());
            return;
        }
        ServerCall.Listener<ReqT> listener;
        try {
            listener = startGuarded(name, call, headers, next, context, verdict.decision().orElseThrow());
        } catch (RuntimeException e) {
            // What grpc's ServerImpl does when a handler fails to start.
            call.close(Status.fromThrowable(e), new Metadata());
            held.resume(noop());
            return;
        }
        held.resume(listener);
    }

    @SuppressWarnings("unchecked")
    private static <ReqT> ServerCall.Listener<ReqT> noop() {
        return (ServerCall.Listener<ReqT>) NOOP;
    }

    private ConnectionDecisions.Connection<Verdict> connection(Attributes attributes) {
        ConnectionDecisions.Connection<Verdict> attached = attributes.get(connectionAttribute);
        return attached != null ? attached : decisions.connection(attributes);
    }

    /** The one decision of a connection for {@code name}; never fails (a failure is a verdict that does not last). */
    private CompletableFuture<Verdict> decide(String name, Attributes attributes) {
        SocketAddress remote = attributes.get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        SocketAddress local = attributes.get(Grpc.TRANSPORT_ATTR_LOCAL_ADDR);
        if (remote == null || local == null) {
            return CompletableFuture.completedFuture(NO_ADDRESS);
        }
        try {
            // The engine's timer bounds the decision; the twist is bounded by its command limits.
            return access.check(AccessRequest.of(name, remote, local), timeout)
                    .thenCompose(decision -> Answer.of(access, decision)).toCompletableFuture().thenApply(this::verdict)
                    .exceptionally(HostsAccessInterceptor::failed);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failed(e));
        }
    }

    /** A pass carries its grant; anything else closes the call with the answer's text as description. */
    private Verdict verdict(Answer answer) {
        if (answer.passes()) {
            return new Verdict(Status.OK, true, Optional.of(answer.decision()));
        }
        return new Verdict(Status.PERMISSION_DENIED.withDescription(answer.text(descriptionLimit)
                .orElse("access denied")), true, Optional.empty());
    }

    private static Verdict failed(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        String why = cause instanceof TimeoutException ? "access decision timed out" : "access decision failed";
        return new Verdict(Status.UNAVAILABLE.withDescription(why).withCause(cause), false, Optional.empty());
    }

    /** How a connection's calls are answered: OK to pass (with the grant), else the status to close with. */
    private record Verdict(Status status, boolean lasting, Optional<Decision> decision) {
    }

    /**
     * Thrown to make the transport close a denied connection; grpc-java logs it and sends its
     * message as GOAWAY debug data. No stack trace: a flood of denials must stay cheap.
     */
    private static final class ConnectionRejected extends RuntimeException {
        ConnectionRejected(Status status) {
            super(status.getCode() + ": " + status.getDescription(), null, false, false);
        }
    }

    private final class ConnectionFilter extends ServerTransportFilter {
        private final boolean rejecting;

        ConnectionFilter(boolean rejecting) {
            this.rejecting = rejecting;
        }

        @Override
        public Attributes transportReady(Attributes attributes) {
            ConnectionDecisions.Connection<Verdict> connection = decisions.newConnection();
            if (rejecting) {
                Verdict verdict = connection.verdict(daemon.orElseThrow(), d -> decide(d, attributes)).getNow(null);
                if (verdict != null && !verdict.status().isOk()) {
                    // grpc-java closes (GOAWAY) a transport whose filter throws here.
                    throw new ConnectionRejected(verdict.status());
                }
            }
            return attributes.toBuilder().set(connectionAttribute, connection).build();
        }
    }
}
