/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.micrometer;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.DecisionListener;
import io.github.tcpwrappers.EngineListener;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.ReloadEvent;
import io.github.tcpwrappers.ReloadListener;
import io.github.tcpwrappers.ShadowDifference;
import io.github.tcpwrappers.value.CommandEvent;
import io.github.tcpwrappers.value.Decision;
import io.github.tcpwrappers.value.Lookup;
import io.github.tcpwrappers.value.RuleLocation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Micrometer meters for one engine, fed by its listeners: decisions by daemon, verdict and rule,
 * the latency of decisions that needed a lookup, lookups by kind and result, reloads by outcome,
 * the age and size of the rules in force, commands started, refused and killed, shadow
 * differences, and each bound list's size, lag, updates and failures. The engine is built here, so that every listener is in place before its first
 * decision; bind it to any number of registries.
 *
 * <pre>{@code
 * HostsAccessMetrics metrics = HostsAccessMetrics.create(HostsAccess.builder().directory(Path.of("/etc")));
 * HostsAccess access = metrics.engine();
 * metrics.bindTo(registry);       // tcpwrappers.decisions{daemon,verdict,rule}, ...
 * }</pre>
 *
 * <p>The {@code rule} tag is the rule's file name and line ({@code hosts.deny:12}); a rule that
 * matched nothing reads {@code none}. Its cardinality is bounded by the rules, and capped: past
 * {@link #DEFAULT_MAX_RULES} distinct rules (or the cap given) further rules count as {@code other}.
 */
public final class HostsAccessMetrics implements MeterBinder, DecisionListener, ReloadListener, EngineListener {
    /** How many distinct rules get a tag of their own by default; the rest count as {@code other}. */
    public static final int DEFAULT_MAX_RULES = 200;

    private final CompositeMeterRegistry meters = new CompositeMeterRegistry();
    private final Tags tags;
    private final int maxRules;
    private final Map<RuleLocation, String> ruleTags = new ConcurrentHashMap<>();
    private final Map<DecisionKey, Counter> decisions = new ConcurrentHashMap<>();
    private final Map<DecisionKey, Timer> lookedUp = new ConcurrentHashMap<>();
    private final Map<Lookup.Kind, Map<Lookup.Result, Timer>> lookups = new ConcurrentHashMap<>();
    private final Map<CommandEvent.Kind, Map<CommandEvent.Happening, Counter>> commands = new ConcurrentHashMap<>();
    private final Counter reloadsApplied;
    private final Counter reloadsRefused;
    private final HostsAccess engine;

    /** The key of a decision counter; the rule is already its tag text. */
    private record DecisionKey(String daemon, boolean granted, String rule) {
    }

    private HostsAccessMetrics(HostsAccess.Builder builder, Tags tags, int maxRules) {
        if (maxRules < 0) {
            throw new IllegalArgumentException("maxRules must not be negative: " + maxRules);
        }
        this.tags = Objects.requireNonNull(tags, "tags");
        this.maxRules = maxRules;
        this.reloadsApplied = reloads("applied");
        this.reloadsRefused = reloads("refused");
        this.engine = builder.listener(this).reloadListener(this).engineListener(this).build();
        Gauge.builder("tcpwrappers.rules.age", engine, e -> age(e.status().loadedAt())).tags(tags).baseUnit("seconds")
                .description("Time since the rules in force were loaded").register(meters);
        Gauge.builder("tcpwrappers.rules", engine, e -> e.status().ruleCount()).tags(tags)
                .description("Rules in force").register(meters);
        Gauge.builder("tcpwrappers.rules.generation", engine, e -> e.status().generation()).tags(tags)
                .description("Number of the load in force (1 for the first)").register(meters);
        Gauge.builder("tcpwrappers.lookups.in.flight", engine, e -> e.status().lookupsInFlight()).tags(tags)
                .description("Name and ident lookups under way").register(meters);
        Gauge.builder("tcpwrappers.commands.running", engine, e -> e.status().commands().running()).tags(tags)
                .description("Commands holding a process slot").register(meters);
        ListMeters.register(engine, tags, meters);
    }

    /**
     * Builds the engine with the meters listening; rules beyond {@link #DEFAULT_MAX_RULES} count as {@code other}.
     *
     * @param engine the builder of the engine to watch
     * @return the engine and its meters
     */
    public static HostsAccessMetrics create(HostsAccess.Builder engine) {
        return create(engine, Tags.empty(), DEFAULT_MAX_RULES);
    }

    /**
     * Builds the engine with the meters listening.
     *
     * @param engine the builder of the engine to watch
     * @param tags added to every meter (for example {@code server=web}, to tell engines apart)
     * @param maxRules how many distinct rules get a {@code rule} tag of their own
     * @return the engine and its meters
     * @throws io.github.tcpwrappers.RulesRejectedException as {@link HostsAccess.Builder#build()} does
     */
    public static HostsAccessMetrics create(HostsAccess.Builder engine, Tags tags, int maxRules) {
        return new HostsAccessMetrics(engine, tags, maxRules);
    }

    /** {@return the engine these meters watch (closed by its user, as any engine)} */
    public HostsAccess engine() {
        return engine;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        meters.add(registry);
    }

    @Override
    public void onDecision(AccessRequest request, Decision decision, Duration elapsed) {
        onDecision(request, decision, elapsed, 0);
    }

    @Override
    public void onDecision(AccessRequest request, Decision decision, Duration elapsed, int lookupCount) {
        DecisionKey key = new DecisionKey(request.daemon(), decision.granted(), ruleTag(decision.rule()));
        decisions.computeIfAbsent(key, k -> Counter.builder("tcpwrappers.decisions").tags(tags)
                .tag("daemon", k.daemon()).tag("verdict", verdict(k.granted())).tag("rule", k.rule())
                .description("Decisions by daemon, verdict and the rule that decided").register(meters)).increment();
        if (lookupCount > 0) {
            DecisionKey byVerdict = new DecisionKey(request.daemon(), decision.granted(), "");
            lookedUp.computeIfAbsent(byVerdict, k -> Timer.builder("tcpwrappers.decision.lookup.duration").tags(tags)
                    .tag("daemon", k.daemon()).tag("verdict", verdict(k.granted()))
                    .description("Time to decide when a name or ident lookup was needed").register(meters))
                    .record(elapsed);
        }
    }

    @Override
    public void onLookup(Lookup lookup) {
        lookups.computeIfAbsent(lookup.kind(), k -> new ConcurrentHashMap<>())
                .computeIfAbsent(lookup.result(), r -> Timer.builder("tcpwrappers.lookups").tags(tags)
                        .tag("kind", lookup.kind().tag()).tag("result", r.tag())
                        .description("Name and ident lookups by kind and result").register(meters))
                .record(lookup.elapsed());
    }

    @Override
    public void onCommand(CommandEvent command) {
        commands.computeIfAbsent(command.kind(), k -> new ConcurrentHashMap<>())
                .computeIfAbsent(command.happening(), h -> Counter.builder("tcpwrappers.commands").tags(tags)
                        .tag("kind", command.kind().tag()).tag("happening", h.tag())
                        .description("spawn, twist and aclexec commands started, refused by the bounds, killed")
                        .register(meters))
                .increment();
    }

    @Override
    public void onShadowDifference(ShadowDifference difference) {
        Counter.builder("tcpwrappers.shadow.differences").tags(tags).tag("daemon", difference.daemon())
                .tag("shadow_verdict", verdict(difference.shadowGranted()))
                .description("Requests the shadow rules would have decided otherwise").register(meters).increment();
    }

    @Override
    public void onReload(ReloadEvent event) {
        (event.applied() ? reloadsApplied : reloadsRefused).increment();
    }

    private Counter reloads(String outcome) {
        return Counter.builder("tcpwrappers.reloads").tags(tags).tag("outcome", outcome)
                .description("Reload attempts by outcome").register(meters);
    }

    /** The rule's tag: {@code hosts.deny:12}, {@code none}, or {@code other} past the cap. */
    private String ruleTag(Optional<RuleLocation> rule) {
        if (rule.isEmpty()) {
            return "none";
        }
        String known = ruleTags.get(rule.get());
        if (known != null) {
            return known;
        }
        Path file = Path.of(rule.get().file()).getFileName();
        String tag = (file == null ? rule.get().file() : file.toString()) + ":" + rule.get().line();
        // Racing threads may pass the cap by a few tags: the bound is on cardinality, not exact.
        if (ruleTags.size() < maxRules) {
            ruleTags.putIfAbsent(rule.get(), tag);
            return tag;
        }
        return "other";
    }

    private static String verdict(boolean granted) {
        return granted ? "granted" : "denied";
    }

    private static double age(Instant loadedAt) {
        return Duration.between(loadedAt, Instant.now()).toNanos() / 1e9;
    }
}
