/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import io.github.tcpwrappers.value.Decision;
import io.github.tcpwrappers.value.VerdictChange;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a door keeps open past its admission (channels, calls), so a change that denies a client
 * also ends what that client has open: on every {@link VerdictChange} the engine sends, each open
 * connection it {@link VerdictChange#concerns concerns} is decided again, and one now denied (or
 * whose decision fails: fail closed) is handed to the door's {@code end} action. The door maps
 * that to its protocol (close a channel, close a call) and nothing more.
 *
 * <p>Subscribed to the engine only while something is open, so a door that holds nothing costs
 * nothing. The decision again is a decision like any other: logged, and its options run.
 *
 * <p>A change can come between the admission's decision and {@link #add} (a banner being sent,
 * a lookup's answer on its way): the door reads {@link HostsAccess#verdictChanges()} before it
 * decides and hands it to {@code add}, which decides again if anything changed meanwhile, so no
 * change slips between the two.
 *
 * <pre>{@code
 * OpenConnections<Channel> open = OpenConnections.of(access, channel -> channel.close());
 * long before = access.verdictChanges();                        // before the admission's check
 * ...
 * open.add(channel, request, before);                           // when the channel is admitted
 * channel.closeFuture().addListener(f -> open.remove(channel));
 * }</pre>
 *
 * @param <C> what the door keeps open
 */
public final class OpenConnections<C> {
    private static final Logger LOG = LoggerFactory.getLogger(OpenConnections.class);
    private static final Duration DECIDE_AGAIN_WITHIN = Duration.ofSeconds(5);

    private final HostsAccess access;
    private final Consumer<C> end;
    private final Map<C, AccessRequest> open = new ConcurrentHashMap<>();
    private final Object subscribing = new Object();
    /** One listener for every subscription: the registry may go from empty to not at every connection. */
    private final VerdictListener listener = this::changed;
    private AutoCloseable subscription;

    private OpenConnections(HostsAccess access, Consumer<C> end) {
        this.access = access;
        this.end = end;
    }

    /**
     * Open connections of {@code access}'s door; {@code end} ends one (on the engine's verdict-change
     * thread, or a lookup's when the decision waited for one; keep it short).
     *
     * @param <C> the door's connection type
     * @param access the engine whose verdict changes are followed
     * @param end ends one connection
     * @return the registry, subscribed to {@code access}
     */
    public static <C> OpenConnections<C> of(HostsAccess access, Consumer<C> end) {
        return new OpenConnections<>(Objects.requireNonNull(access, "access"), Objects.requireNonNull(end, "end"));
    }

    /**
     * Keeps {@code connection}, admitted by {@code request}, until {@link #remove}; decides again
     * at once if the engine published a verdict change since {@code verdictChangesBefore}.
     *
     * @param connection the admitted connection
     * @param request the request that admitted it
     * @param verdictChangesBefore {@link HostsAccess#verdictChanges()} as read before the admission was decided
     */
    public void add(C connection, AccessRequest request, long verdictChangesBefore) {
        open.put(connection, request);
        // Under the lock even when subscribed: a remove emptying the map may be unsubscribing now.
        synchronized (subscribing) {
            if (subscription == null && !open.isEmpty()) {
                subscription = access.subscribe(listener);
            }
        }
        // Subscribed first, counted after: a change counted later is told to this registry, one
        // counted earlier shows here (the engine counts a change before it tells anyone).
        if (access.verdictChanges() != verdictChangesBefore) {
            decideAgain(connection, request);
        }
    }

    /**
     * Forgets a connection that ended.
     *
     * @param connection the connection that ended
     */
    public void remove(C connection) {
        if (open.remove(connection) != null && open.isEmpty()) {
            unsubscribeIfEmpty();
        }
    }

    private void unsubscribeIfEmpty() {
        synchronized (subscribing) {
            if (open.isEmpty() && subscription != null) {
                try {
                    subscription.close();
                } catch (Exception impossible) {
                    // the engine's subscriptions close without failing
                }
                subscription = null;
            }
        }
    }

    /** {@return how many are open} */
    public int size() {
        return open.size();
    }

    private void changed(VerdictChange change) {
        for (Map.Entry<C, AccessRequest> e : open.entrySet()) {
            AccessRequest request = e.getValue();
            boolean concerned = request.client().map(c -> change.concerns(c.getAddress()))
                    .orElse(!(change instanceof VerdictChange.ListChanged));
            if (concerned) {
                decideAgain(e.getKey(), request);
            }
        }
    }

    private void decideAgain(C connection, AccessRequest request) {
        access.check(request, DECIDE_AGAIN_WITHIN).whenComplete((decision, failure) -> {
            if (failure != null || decision.denied()) {
                endIfOpen(connection, decision, failure);
            }
        });
    }

    private void endIfOpen(C connection, Decision decision, Throwable failure) {
        if (open.remove(connection) == null) {
            return; // ended meanwhile
        }
        if (failure != null) {
            LOG.warn("{}: cannot decide again ({}), ending it", connection, failure.toString());
        } else {
            LOG.debug("{}: denied now ({}), ending it", connection, decision.rule().map(Object::toString).orElse("no rule"));
        }
        try {
            end.accept(connection);
        } catch (RuntimeException e) {
            LOG.warn("{}: ending it failed", connection, e);
        }
        unsubscribeIfEmpty();
    }
}
