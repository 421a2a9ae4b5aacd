/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.grpc;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.Answer;
import io.github.tcpwrappers.ConnectionDecisions;
import io.github.tcpwrappers.HeldEvents;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.OpenConnections;
import io.github.tcpwrappers.value.Decision;
import io.github.tcpwrappers.value.Durations;
import io.grpc.Attributes;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
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
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * Enforces hosts.allow / hosts.deny on gRPC calls: a refused call is closed
 * {@link Status#PERMISSION_DENIED} before the service sees it, described by the twist output or
 * banner, else {@code "access denied"}. Decided once per connection and daemon name, as tcpd; a
 * decision that waits for a lookup or a twist holds the call without blocking, resumes it on
 * {@code executor}, and closes it {@link Status#UNAVAILABLE} past {@link #withTimeout the
 * timeout}. A running call whose client a verdict change denies is closed. Immutable; one
 * instance serves a whole server. The module README says more.
 *
 * <pre>{@code
 * ExecutorService app = Executors.newFixedThreadPool(8);    // the server's application executor
 * HostsAccessInterceptor wrappers = HostsAccessInterceptor.forDaemon(access, "greeter", app);
 * Server server = NettyServerBuilder.forAddress(new InetSocketAddress(50051)).executor(app)
 *     .addTransportFilter(wrappers.transportFilter()).intercept(wrappers)
 *     .addService(greeter).build().start();
 * }</pre>
 */
public final class HostsAccessInterceptor implements ServerInterceptor {
    /** The grant that admitted the call, in the {@link Context} its handler runs in: {@code DECISION.get()}. */
    public static final Context.Key<Decision> DECISION = Context.key("io.github.tcpwrappers.decision");

    private static final Verdict NO_ADDRESS = new Verdict(
            Status.PERMISSION_DENIED.withDescription("access denied: the transport reports no client address"),
            Optional.empty(), Optional.empty(), 0);
    private static final ServerCall.Listener<Object> NOOP = new ServerCall.Listener<>() {
    };

    private final HostsAccess access;
    private final Optional<String> daemon;
    private final Executor executor;
    private final Duration timeout;
    private final int descriptionLimit;
    private final int maxConnections;
    private final ConnectionDecisions<Verdict> decisions;
    /** Made once: asking a connection's decisions allocates no lambda per call. */
    private final BiFunction<String, Attributes, CompletionStage<Verdict>> decider = this::decide;
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
        this.timeout = Durations.positive("timeout", timeout);
        if (descriptionLimit < 16) {
            throw new IllegalArgumentException("descriptionLimit must be at least 16 bytes: " + descriptionLimit);
        }
        this.descriptionLimit = descriptionLimit;
        this.maxConnections = maxConnections;
        // A failure (UNAVAILABLE) is not remembered: the next call decides again.
        this.decisions = ConnectionDecisions.of(access, maxConnections,
                v -> v.status().getCode() != Status.Code.UNAVAILABLE);
        this.running = OpenConnections.of(access, GuardedCall::endDenied);
    }

    /**
     * {@return an interceptor that asks about one daemon name for every call}
     *
     * <pre>{@code
     * ServerInterceptors.intercept(service, HostsAccessInterceptor.forDaemon(access, "greeter", appExecutor));
     * }</pre>
     *
     * @param access the engine that decides
     * @param daemon the daemon name the rules see
     * @param executor where calls held for a decision resume: the server's application executor
     * @throws IllegalArgumentException when no rule could name the daemon
     */
    public static HostsAccessInterceptor forDaemon(HostsAccess access, String daemon, Executor executor) {
        return new HostsAccessInterceptor(access, Optional.of(AccessRequest.requireDaemonName(daemon)), executor,
                Duration.ofSeconds(10), 1024, 4096);
    }

    /**
     * {@return an interceptor whose daemon name is the called service's full name ({@code helloworld.Greeter})}
     *
     * <pre>{@code
     * ServerBuilder.forPort(50051).intercept(HostsAccessInterceptor.perService(access, appExecutor));
     * }</pre>
     *
     * @param access the engine that decides
     * @param executor where calls held for a decision resume
     */
    public static HostsAccessInterceptor perService(HostsAccess access, Executor executor) {
        return new HostsAccessInterceptor(access, Optional.empty(), executor, Duration.ofSeconds(10), 1024, 4096);
    }

    /**
     * {@return this interceptor, holding a call at most {@code timeout} for a decision, then closing it UNAVAILABLE}
     * @param timeout the longest a call is held for a decision (default 10 s)
     */
    public HostsAccessInterceptor withTimeout(Duration timeout) {
        return new HostsAccessInterceptor(access, daemon, executor, timeout, descriptionLimit, maxConnections);
    }

    /**
     * {@return this interceptor, cutting the banner or twist output a refusal carries at {@code bytes}}
     * @param bytes the most UTF-8 bytes of a refusal's description, at least 16 (default 1024)
     */
    public HostsAccessInterceptor withDescriptionLimit(int bytes) {
        return new HostsAccessInterceptor(access, daemon, executor, timeout, bytes, maxConnections);
    }

    /**
     * {@return this interceptor, remembering the decisions of {@code maxConnections} connections without
     * {@link #transportFilter()}; past that, arbitrary ones are forgotten and decided again}
     * @param maxConnections how many connections to remember, at least 1 (default 4096)
     */
    public HostsAccessInterceptor withMaxConnections(int maxConnections) {
        return new HostsAccessInterceptor(access, daemon, executor, timeout, descriptionLimit, maxConnections);
    }

    /**
     * <b>Experimental.</b> Ties this interceptor's decisions to each connection's lifetime.
     *
     * <pre>{@code
     * NettyServerBuilder.forAddress(address).addTransportFilter(interceptor.transportFilter()).intercept(interceptor);
     * }</pre>
     *
     * @return the transport filter
     */
    public ServerTransportFilter transportFilter() {
        return connectionFilter(false);
    }

    /**
     * <b>Experimental.</b> Like {@link #transportFilter()}, and closes (GOAWAY) a connection the
     * rules deny at once, before any call is read; relies on grpc-java closing a transport whose
     * filter throws, which {@link ServerTransportFilter} does not promise.
     *
     * @return the transport filter
     * @throws IllegalStateException for a {@link #perService} interceptor
     */
    public ServerTransportFilter rejectingTransportFilter() {
        if (daemon.isEmpty()) {
            throw new IllegalStateException("connection-level rejection needs a fixed daemon name (forDaemon)");
        }
        return connectionFilter(true);
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        String name = daemon.isPresent() ? daemon.get() : serviceDaemon(call);
        Attributes attributes = call.getAttributes();
        ConnectionDecisions.Connection<Verdict> attached = attributes.get(connectionAttribute);
        CompletableFuture<Verdict> pending = (attached != null ? attached : decisions.connection(attributes))
                .verdict(name, attributes, decider);
        Verdict verdict = pending.getNow(null);
        if (verdict != null) {
            return start(verdict, call, headers, next, Context.current());
        }
        HeldListener<ReqT> held = new HeldListener<>();
        Context context = Context.current();
        pending.thenAccept(decided -> {
            try {
                executor.execute(() -> context.run(() -> held.resume(
                        call.isCancelled() ? noop() : start(decided, call, headers, next, context))));
            } catch (RejectedExecutionException e) {
                // Never leave the call hanging: refuse it here, without starting the service.
                held.resume(start(failed(e), call, headers, next, context));
            }
        });
        return held;
    }

    private static String serviceDaemon(ServerCall<?, ?> call) {
        String service = call.getMethodDescriptor().getServiceName();
        return service != null ? service : call.getMethodDescriptor().getFullMethodName();
    }

    /** Closes a refused call, or starts a granted one behind a {@link GuardedCall} kept while it runs. */
    private <ReqT, RespT> ServerCall.Listener<ReqT> start(Verdict verdict, ServerCall<ReqT, RespT> call,
            Metadata headers, ServerCallHandler<ReqT, RespT> next, Context context) {
        if (verdict.decision().isEmpty()) {
            call.close(verdict.status(), new Metadata());
            return noop();
        }
        GuardedCall<ReqT, RespT> guarded = new GuardedCall<>(call);
        running.add(guarded, verdict.request().orElseThrow(), verdict.verdictChanges());
        try {
            ServerCall.Listener<ReqT> listener = Contexts.interceptCall(
                    context.withValue(DECISION, verdict.decision().get()), guarded, headers, next);
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
        } catch (RuntimeException e) {
            // What grpc's ServerImpl does when a handler fails to start.
            running.remove(guarded);
            call.close(Status.fromThrowable(e), new Metadata());
            return noop();
        }
    }

    @SuppressWarnings("unchecked")
    private static <ReqT> ServerCall.Listener<ReqT> noop() {
        return (ServerCall.Listener<ReqT>) NOOP;
    }

    /** The one decision of a connection for {@code name}; never fails (a failure is an UNAVAILABLE verdict). */
    private CompletionStage<Verdict> decide(String name, Attributes attributes) {
        SocketAddress remote = attributes.get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        SocketAddress local = attributes.get(Grpc.TRANSPORT_ATTR_LOCAL_ADDR);
        if (remote == null || local == null) {
            return CompletableFuture.completedFuture(NO_ADDRESS);
        }
        try {
            AccessRequest request = AccessRequest.of(name, remote, local);
            long before = access.verdictChanges(); // a change from here on ends the calls this grant starts
            // The engine's timer bounds the decision; the twist is bounded by its command limits.
            return Answer.check(access, request, timeout).thenApply(answer -> answer.failure()
                    .map(HostsAccessInterceptor::failed)
                    .orElseGet(() -> answer.passes()
                            ? new Verdict(Status.OK, Optional.of(answer.decision()), Optional.of(request), before)
                            : new Verdict(Status.PERMISSION_DENIED.withDescription(answer.text(descriptionLimit)
                                    .orElse("access denied")), Optional.empty(), Optional.empty(), before)));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failed(e));
        }
    }

    private static Verdict failed(Throwable cause) {
        String why = cause instanceof TimeoutException ? "access decision timed out"
                : cause instanceof RejectedExecutionException ? "access decision could not resume the call"
                : "access decision failed";
        return new Verdict(Status.UNAVAILABLE.withDescription(why).withCause(cause), Optional.empty(),
                Optional.empty(), 0);
    }

    /**
     * A connection's grant and the request it answered (every granted call is kept under it), or
     * its refusal, and the engine's verdict changes as counted before it was decided.
     */
    private record Verdict(Status status, Optional<Decision> decision, Optional<AccessRequest> request,
            long verdictChanges) {
    }

    /** Makes the transport close (GOAWAY, with this message as debug data); no stack trace, floods stay cheap. */
    private static final class ConnectionRejected extends RuntimeException {
        ConnectionRejected(Status status) {
            super(status.getCode() + ": " + status.getDescription(), null, false, false);
        }
    }

    /** Keeps the connection's decisions on its attributes; {@code rejecting}: decides at once, and refuses. */
    private ServerTransportFilter connectionFilter(boolean rejecting) {
        return new ServerTransportFilter() {
            @Override
            public Attributes transportReady(Attributes attributes) {
                ConnectionDecisions.Connection<Verdict> connection = decisions.newConnection();
                if (rejecting) {
                    Verdict verdict = connection.verdict(daemon.orElseThrow(), attributes, decider).getNow(null);
                    if (verdict != null && verdict.decision().isEmpty()) {
                        throw new ConnectionRejected(verdict.status());
                    }
                }
                return attributes.toBuilder().set(connectionAttribute, connection).build();
            }
        };
    }

    /**
     * A granted call that a verdict change may end from another thread. A {@link ServerCall} is
     * not thread-safe (but for {@code request} and {@code isCancelled}), so the service's uses and
     * the ending share one lock; once ended, what the service still sends is dropped, as on a call
     * the client cancelled. The lock is private: code that holds the call cannot hold up the
     * engine's verdict-change thread.
     */
    static final class GuardedCall<ReqT, RespT> extends ForwardingServerCall.SimpleForwardingServerCall<ReqT, RespT> {
        static final Status DENIED_NOW = Status.PERMISSION_DENIED.withDescription(
                "access denied: the client's verdict changed (banned or rules reloaded)");

        private final Object lock = new Object();
        private boolean ended;

        GuardedCall(ServerCall<ReqT, RespT> delegate) {
            super(delegate);
        }

        /** Closes the call PERMISSION_DENIED, unless it ended already. */
        void endDenied() {
            close(DENIED_NOW, new Metadata());
        }

        @Override
        public void sendHeaders(Metadata headers) {
            unlessEnded(ServerCall::sendHeaders, headers);
        }

        @Override
        public void sendMessage(RespT message) {
            unlessEnded(ServerCall::sendMessage, message);
        }

        @Override
        public void close(Status status, Metadata trailers) {
            synchronized (lock) {
                if (!ended) {
                    ended = true;
                    super.close(status, trailers);
                }
            }
        }

        @Override
        public boolean isReady() {
            synchronized (lock) {
                return !ended && super.isReady();
            }
        }

        @Override
        public void setMessageCompression(boolean enabled) {
            unlessEnded(ServerCall::setMessageCompression, enabled);
        }

        @Override
        public void setCompression(String compressor) {
            unlessEnded(ServerCall::setCompression, compressor);
        }

        /** One use of the call, unless it ended; {@code use} is a method reference, made once, not per message. */
        private <T> void unlessEnded(BiConsumer<ServerCall<ReqT, RespT>, T> use, T argument) {
            synchronized (lock) {
                if (!ended) {
                    use.accept(delegate(), argument);
                }
            }
        }

        @Override
        public String toString() {
            return "call " + getMethodDescriptor().getFullMethodName() + " from "
                    + getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        }
    }

    /**
     * The listener of a call whose decision is pending. Nothing requested messages yet, so the core's
     * {@link HeldEvents} keeps only what a transport sends unasked (ready, half-close, cancel, complete).
     */
    static final class HeldListener<ReqT> extends ServerCall.Listener<ReqT> {
        private final HeldEvents<ServerCall.Listener<ReqT>> events = new HeldEvents<>();

        @Override
        public void onMessage(ReqT message) {
            events.deliver(listener -> listener.onMessage(message));
        }

        @Override
        public void onHalfClose() {
            events.deliver(ServerCall.Listener::onHalfClose);
        }

        @Override
        public void onCancel() {
            events.deliver(ServerCall.Listener::onCancel);
        }

        @Override
        public void onComplete() {
            events.deliver(ServerCall.Listener::onComplete);
        }

        @Override
        public void onReady() {
            events.deliver(ServerCall.Listener::onReady);
        }

        /** Replays the held events to {@code listener} in order, then lets later ones through. */
        void resume(ServerCall.Listener<ReqT> listener) {
            events.resume(listener);
        }
    }
}
