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
 */
final class ShadowRules implements AutoCloseable {
    /** The logger of the shadow lines. */
    static final String LOGGER = "io.github.tcpwrappers.shadow";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    /** Fills in the fact an outcome asks for (a name or user); empty for an aclexec, never run here. */
    @FunctionalInterface
    interface Lookups {
        Optional<CompletionStage<?>> lookUp(Outcome outcome, Facts facts);
    }

    /** Counts of what the shadow tables did, for {@link HostsAccess#status()}. */
    record Counts(long compared, long differing, long undecided) {
    }

    private final LiveRules live;
    /** Whether the tables are checked on every request (reload interval zero): then off the caller's thread. */
    private final boolean checkedEachRequest;
    private final LongAdder compared = new LongAdder();
    private final LongAdder differing = new LongAdder();
    private final LongAdder undecided = new LongAdder();

    ShadowRules(LiveRules live, boolean checkedEachRequest) {
        this.live = live;
        this.checkedEachRequest = checkedEachRequest;
    }

    /** The shadow tables in force (their generation, load time, files and last refusal). */
    ReloadStatus status() {
        return live.status();
    }

    Counts counts() {
        return new Counts(compared.sum(), differing.sum(), undecided.sum());
    }

    /**
     * Decides the request again against the shadow tables and reports a different verdict. Never
     * throws: nothing here may change or delay the decision in force.
     */
    void compare(Facts facts, Decision inForce, Lookups lookups, Consumer<ShadowDifference> heard) {
        if (checkedEachRequest) {
            ThreadBoundary.run(LOG, "shadow rules", () -> live.fresh()
                    .thenAccept(snapshot -> compare(snapshot.rules(), facts, inForce, lookups, heard, 0)));
        } else {
            // The common case, on the caller's thread with no stage to build: one more evaluation.
            ThreadBoundary.run(LOG, "shadow rules", () -> compare(live.current().rules(), facts, inForce, lookups, heard, 0));
        }
    }

    private void compare(RuleSet rules, Facts facts, Decision inForce, Lookups lookups,
            Consumer<ShadowDifference> heard, int round) {
        Outcome outcome = rules.evaluate(facts);
        if (outcome instanceof Outcome.Decided decided) {
            compared.increment();
            Decision shadow = decided.decision();
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
        Optional<CompletionStage<?>> lookup = round > 8 ? Optional.empty() : lookups.lookUp(outcome, facts);
        if (lookup.isEmpty()) {
            undecided.increment();
            LOG.debug("shadow: cannot tell for {} from {}: {} (shadow rules run no commands)", facts.daemon(),
                    facts.clientAddress(), outcome);
            return;
        }
        lookup.get().whenComplete((done, failure) -> ThreadBoundary.run(LOG, "shadow rules",
                () -> compare(rules, facts, inForce, lookups, heard, round + 1)));
    }

    @Override
    public void close() {
        live.close();
    }
}
