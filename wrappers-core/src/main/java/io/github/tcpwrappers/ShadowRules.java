/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import io.github.tcpwrappers.effects.ThreadBoundary;
import io.github.tcpwrappers.evaluation.Facts;
import io.github.tcpwrappers.evaluation.Outcome;
import io.github.tcpwrappers.evaluation.RuleSet;
import io.github.tcpwrappers.value.Decision;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A second pair of tables decided beside the rules in force and never enforced: each request
 * is evaluated against them after its real decision (on the same facts, so a name the real
 * rules looked up is not looked up again), and where the verdicts differ one line is logged on
 * {@value #LOGGER} and the difference is counted. No option of a shadow rule acts: its spawn,
 * twist and banners are never run, and a shadow rule that needs an {@code aclexec} result the
 * real decision did not produce leaves the request undecided (counted, logged at DEBUG). Names
 * and users the shadow rules alone need are looked up, as the real rules would, after the
 * client already has its answer. The tables are live, watched and reloaded by their own
 * {@link LiveRules}, with the same settle and refusal rules as the real ones.
 *
 * <p>A request the engine answers from its {@link RecentDecisions} has its shadow verdict
 * remembered too, under the same request, the same real generation and the shadow generation:
 * repeating it compares two remembered verdicts and builds no facts, and a reload of either
 * table decides it again.
 */
final class ShadowRules implements AutoCloseable {
    /** The logger of the shadow lines. */
    static final String LOGGER = "io.github.tcpwrappers.shadow";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    /** The generation given when a verdict is not to be remembered: the facts held more than the request. */
    static final long NOT_REMEMBERED = -1;

    /** Fills in the fact an outcome asks for (a name or user); empty for an aclexec, never run here. */
    @FunctionalInterface
    interface Lookups {
        Optional<CompletionStage<?>> lookUp(Outcome outcome, AccessRequest request, Facts facts);
    }

    /** Counts of what the shadow tables did, for {@link HostsAccess#status()}. */
    record Counts(long compared, long differing, long undecided) {
    }

    private final LiveRules live;
    /** Whether the tables are checked on every request (reload interval zero): then off the caller's thread. */
    private final boolean checkedEachRequest;
    private final Lookups lookups;
    private final Consumer<ShadowDifference> heard;
    /** The shadow verdicts of requests whose real decision is remembered, so a repeat compares two remembered verdicts. */
    private final RecentDecisions recent = new RecentDecisions();
    private final LongAdder compared = new LongAdder();
    private final LongAdder differing = new LongAdder();
    private final LongAdder undecided = new LongAdder();

    /** {@code lookups} fills in what the shadow rules alone need; {@code heard} hears each difference; both made once. */
    ShadowRules(LiveRules live, boolean checkedEachRequest, Lookups lookups, Consumer<ShadowDifference> heard) {
        this.live = live;
        this.checkedEachRequest = checkedEachRequest;
        this.lookups = lookups;
        this.heard = heard;
    }

    /** The shadow tables in force (their generation, load time, files and last refusal). */
    ReloadStatus status() {
        return live.status();
    }

    Counts counts() {
        return new Counts(compared.sum(), differing.sum(), undecided.sum());
    }

    /**
     * Compares a remembered real decision with the shadow verdict remembered for the same request
     * under the same real generation and the shadow generation in force, building no facts. True
     * when that settled it: the verdicts agree and the comparison is counted. False on a miss, a
     * reload of either table, or a difference (whose line needs the facts' texts): then the caller
     * gives the facts to {@link #compare}. Never throws.
     */
    boolean compareRemembered(AccessRequest request, long generation, Decision inForce) {
        if (checkedEachRequest) {
            return false;
        }
        try {
            Optional<Decision> known = recent.of(request, generation, live.current().generation());
            if (known.isPresent() && known.get().granted() == inForce.granted()) {
                compared.increment();
                return true;
            }
            return false;
        } catch (Throwable t) {
            // Counted as settled: nothing here may change or delay the decision in force.
            ThreadBoundary.report(LOG, "shadow rules", t);
            return true;
        }
    }

    /**
     * Decides the request again against the shadow tables and reports a different verdict. With
     * a {@code generation} (the real decision's, made from the request alone) a shadow verdict
     * made without any lookup is remembered for {@link #compareRemembered}; with
     * {@link #NOT_REMEMBERED} nothing is. Never throws: nothing here may change or delay the
     * decision in force.
     */
    void compare(AccessRequest request, Facts facts, Decision inForce, long generation) {
        try {
            if (checkedEachRequest) {
                live.fresh().thenAccept(snapshot -> ThreadBoundary.run(LOG, "shadow rules",
                        () -> compare(snapshot.rules(), NOT_REMEMBERED, NOT_REMEMBERED, request, facts, inForce, 0)));
            } else {
                // The common case, on the caller's thread with no stage to build: one more evaluation.
                LiveRules.Snapshot snapshot = live.current();
                compare(snapshot.rules(), generation, snapshot.generation(), request, facts, inForce, 0);
            }
        } catch (Throwable t) {
            ThreadBoundary.report(LOG, "shadow rules", t);
        }
    }

    private void compare(RuleSet rules, long generation, long shadowGeneration, AccessRequest request, Facts facts,
            Decision inForce, int round) {
        Outcome outcome = rules.evaluate(facts);
        if (outcome instanceof Outcome.Decided decided) {
            Decision shadow = decided.decision();
            if (round == 0 && generation != NOT_REMEMBERED) {
                // Made from the request alone: the same request under the same tables decides the same.
                recent.remember(request, generation, shadowGeneration, shadow);
            }
            compared.increment();
            if (shadow.granted() != inForce.granted()) {
                differing.increment();
                ShadowDifference difference = new ShadowDifference(facts.daemon(), facts.clientAddress(),
                        shadow.granted(), shadow.rule(), inForce.rule());
                LOG.atInfo().addKeyValue("daemon", difference.daemon()).addKeyValue("address", difference.client())
                        .addKeyValue("shadowVerdict", shadow.granted() ? "granted" : "denied")
                        .addKeyValue("shadowRule", shadow.rule().map(Object::toString).orElse("none"))
                        .addKeyValue("rule", inForce.rule().map(Object::toString).orElse("none"))
                        .log(difference.logLine());
                heard.accept(difference);
            }
            return;
        }
        Optional<CompletionStage<?>> lookup = round > 8 ? Optional.empty() : lookups.lookUp(outcome, request, facts);
        if (lookup.isEmpty()) {
            undecided.increment();
            LOG.debug("shadow: cannot tell for {} from {}: {} (shadow rules run no commands)", facts.daemon(),
                    facts.clientAddress(), outcome);
            return;
        }
        lookup.get().whenComplete((done, failure) -> ThreadBoundary.run(LOG, "shadow rules",
                () -> compare(rules, generation, shadowGeneration, request, facts, inForce, round + 1)));
    }

    @Override
    public void close() {
        live.close();
    }
}
