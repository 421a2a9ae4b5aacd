package io.github.tcpwrappers.spring;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.DecisionListener;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.value.Decision;
import io.github.tcpwrappers.value.RuleLocation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Remembers the last refused request and counts refusals, for the health indicator. One
 * volatile write per refusal; granted requests cost a branch.
 */
public final class RecentDenials implements DecisionListener {
    private final Clock clock;
    private final AtomicReference<Denial> last = new AtomicReference<>();
    private final AtomicLong count = new AtomicLong();
    private volatile boolean attached;

    private RecentDenials(Clock clock) {
        this.clock = clock;
    }

    /** {@return denials stamped with the system clock} */
    public static RecentDenials create() {
        return new RecentDenials(Clock.systemUTC());
    }

    /**
     * One refused request.
     *
     * @param daemon the daemon name asked about
     * @param client the client's address, or {@code unknown}
     * @param rule the rule that refused it; empty when a decision failed closed without one
     * @param at when it was refused
     */
    public record Denial(String daemon, String client, Optional<RuleLocation> rule, Instant at) {
    }

    /**
     * Listens to the engine {@code builder} builds. The health indicator reports denials only
     * from an attached instance: one never attached has heard nothing, which is not "no denials".
     *
     * @param builder the engine's builder
     * @return the same builder, with this listening
     */
    public HostsAccess.Builder attachTo(HostsAccess.Builder builder) {
        attached = true;
        return builder.listener(this);
    }

    /** {@return whether {@link #attachTo} gave it an engine to hear} */
    public boolean attached() {
        return attached;
    }

    @Override
    public void onDecision(AccessRequest request, Decision decision, Duration elapsed) {
        if (decision.granted()) {
            return;
        }
        count.incrementAndGet();
        String client = request.client().map(a -> a.getAddress() == null ? a.getHostString()
                : a.getAddress().getHostAddress()).orElse("unknown");
        last.set(new Denial(request.daemon(), client, decision.rule(), clock.instant()));
    }

    /** {@return the most recent refusal since start-up} */
    public Optional<Denial> last() {
        return Optional.ofNullable(last.get());
    }

    /**
     * Refusals since start-up.
     *
     * @return the count of refusals since start-up
     */
    public long count() {
        return count.get();
    }
}
