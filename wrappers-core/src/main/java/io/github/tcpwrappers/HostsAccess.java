/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import io.github.tcpwrappers.effects.Deadlines;
import io.github.tcpwrappers.effects.FlightEvents;
import io.github.tcpwrappers.effects.ProcessRunner;
import io.github.tcpwrappers.effects.ThreadBoundary;
import io.github.tcpwrappers.evaluation.Facts;
import io.github.tcpwrappers.evaluation.Outcome;
import io.github.tcpwrappers.evaluation.RuleSet;
import io.github.tcpwrappers.files.FileAccess;
import io.github.tcpwrappers.files.RuleLoader;
import io.github.tcpwrappers.files.SystemAccounts;
import io.github.tcpwrappers.lists.ListBindings;
import io.github.tcpwrappers.lookup.CachingHostNameResolver;
import io.github.tcpwrappers.lookup.JdkHostNameResolver;
import io.github.tcpwrappers.lookup.Rfc1413IdentResolver;
import io.github.tcpwrappers.spi.AccountNames;
import io.github.tcpwrappers.spi.HostNameResolver;
import io.github.tcpwrappers.spi.HostNameSyntax;
import io.github.tcpwrappers.spi.IdentResolver;
import io.github.tcpwrappers.spi.ListSource;
import io.github.tcpwrappers.spi.NetgroupResolver;
import io.github.tcpwrappers.spi.TwistSession;
import io.github.tcpwrappers.text.ByteText;
import io.github.tcpwrappers.value.Command;
import io.github.tcpwrappers.value.CommandEvent;
import io.github.tcpwrappers.value.CommandLimits;
import io.github.tcpwrappers.value.Decision;
import io.github.tcpwrappers.value.Diagnostic;
import io.github.tcpwrappers.value.Durations;
import io.github.tcpwrappers.value.HostName;
import io.github.tcpwrappers.value.ListMatch;
import io.github.tcpwrappers.value.ListStatus;
import io.github.tcpwrappers.value.Lookup;
import io.github.tcpwrappers.value.Network;
import io.github.tcpwrappers.value.TwistOutput;
import io.github.tcpwrappers.value.VerdictChange;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine: decides requests against hosts.allow and hosts.deny as Debian's libwrap does
 * (allow file first, then deny file, first match wins, default allow), without blocking the
 * caller. Thread-safe; build one per pair of files and share it.
 *
 * <pre>{@code
 * HostsAccess access = HostsAccess.builder()
 *     .allowFile(Path.of("/etc/hosts.allow"))
 *     .denyFile(Path.of("/etc/hosts.deny"))
 *     .build();                        // strict: a broken file fails here, with FILE:LINE
 *
 * access.check(AccessRequest.of("sshd", remote, local))
 *       .thenAccept(decision -> { if (decision.denied()) channel.close(); });
 * }</pre>
 */
public final class HostsAccess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HostsAccess.class);
    private final Config config;
    private final ProcessRunner processes;
    private final LiveRules live;
    private final Deadlines deadlines;
    private final AddressTexts addressTexts = new AddressTexts();
    private final RecentDecisions recent = new RecentDecisions();
    private final Optional<ShadowRules> shadow;
    /** Relays the process runner's command events to the engine listeners; registered only when there are some. */
    private final Consumer<CommandEvent> commandRelay;
    private final EngineActivity activity = new EngineActivity();
    private final ListBindings lists;

    /**
     * What the builder held at {@link Builder#build()}, copied: a builder changed afterwards
     * (another listener, other files) never changes an engine it built.
     */
    private record Config(Path allowFile, Path denyFile, Mode mode, NetgroupResolver netgroups,
            HostNameResolver names, IdentResolver ident, AccountNames accounts, FileAccess files,
            Optional<ProcessRunner> givenProcesses, CommandLimits commandLimits, DecisionLog decisionLog,
            Duration lookupTimeout, Duration reloadInterval, Duration settleTime, Duration loadTimeout,
            long loadMemoryLimit, Optional<MissingTables> missingTables, List<DecisionListener> listeners,
            List<ReloadListener> reloadListeners, List<EngineListener> engineListeners,
            Optional<Path> shadowAllowFile, Optional<Path> shadowDenyFile, Map<Path, ListSource> boundLists,
            Clock clock, ListStartup listStartup, boolean endOpenConnectionsOnReload, int maxListEntries,
            String banOrigin, int bansPerSecond) {
        Config {
            boundLists = Collections.unmodifiableMap(new LinkedHashMap<>(boundLists));
            listeners = List.copyOf(listeners);
            reloadListeners = List.copyOf(reloadListeners);
            engineListeners = List.copyOf(engineListeners);
        }
    }

    private HostsAccess(Config config) {
        this.config = config;
        FlightEvents.preload();
        this.lists = new ListBindings(config.boundLists(), config.clock(), config.maxListEntries(),
                config.listStartup() == ListStartup.DENY_ALL, config.banOrigin(), config.bansPerSecond());
        List<ReloadListener> reloadListeners = new ArrayList<>(config.reloadListeners());
        if (config.endOpenConnectionsOnReload()) {
            reloadListeners.add(event -> {
                if (event.applied()) {
                    lists.publish(new VerdictChange.RulesReloaded(event.generation()));
                }
            });
        }
        this.live = liveRules(config, config.allowFile(), config.denyFile(), reloadListeners, lists);
        Optional<ShadowRules> shadowRules = Optional.empty();
        if (config.shadowAllowFile().isPresent()) {
            try {
                // The adapters are made once here, not per request: the shadow path allocates nothing of its own.
                shadowRules = Optional.of(new ShadowRules(liveRules(config, config.shadowAllowFile().get(),
                        config.shadowDenyFile().get(), List.of(), lists), config.reloadInterval().isZero(),
                        (outcome, request, facts) -> lookUp(outcome, request, facts, DecisionTrace.NONE),
                        difference -> config.engineListeners().forEach(l -> l.onShadowDifference(difference))));
            } catch (RuntimeException refused) {
                live.close();
                lists.close();
                throw refused;
            }
        }
        this.shadow = shadowRules;
        this.processes = config.givenProcesses().orElseGet(() -> ProcessRunner.create(config.commandLimits()));
        this.commandRelay = command -> config.engineListeners().forEach(l -> l.onCommand(command));
        if (!config.engineListeners().isEmpty()) {
            processes.addListener(commandRelay);
        }
        this.deadlines = Deadlines.create("engine@" + Integer.toHexString(System.identityHashCode(this)));
        lists.start();
    }

    /** Live tables for one pair of files: the rules in force, or the shadow rules beside them. */
    private static LiveRules liveRules(Config config, Path allow, Path deny, List<ReloadListener> listeners,
            ListBindings lists) {
        RuleLoader loader = new RuleLoader(config.files(), config.accounts(), config.netgroups(), config.loadMemoryLimit())
                .withBindings(lists.memberships());
        MissingTables missing = config.missingTables().orElse(config.mode() == Mode.STRICT ? MissingTables.REFUSE : MissingTables.EMPTY);
        return new LiveRules(Set.of(allow, deny), () -> loader.load(allow, deny), loader::appended, config.files(),
                new LiveRules.Settings(config.mode(), missing, config.missingTables().isPresent(), config.reloadInterval(),
                        config.settleTime(), config.loadTimeout()),
                listeners);
    }

    /**
     * {@return A builder with libwrap's defaults: /etc/hosts.allow, /etc/hosts.deny, strict mode, 1
     * s reload}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the files again now, on the calling thread (it blocks for the time of a load). In
     * strict mode a refused load keeps the rules in force; in LIBWRAP mode whatever libwrap
     * would read takes effect. Changed files are also picked up on their own within the reload
     * interval.
     *
     * @return every problem found (warnings included); errors mean the load was refused in
     *     strict mode
     */
    public List<Diagnostic> reload() {
        return live.reloadNow();
    }

    /**
     * The engine as an operator sees it: the rules in force (generation, load time, rule count,
     * files, the last refused load), the shadow rules and their counts, the last refused request,
     * lookups under way, the process runner's occupancy and every bound list source (see
     * {@link ListStatus#toMap()}). {@link EngineStatus#toMap()} is ready for a JSON endpoint.
     *
     * @return the engine's status now
     */
    public EngineStatus status() {
        Optional<EngineStatus.Shadow> shadowStatus = shadow.map(s -> {
            ShadowRules.Counts counts = s.counts();
            return new EngineStatus.Shadow(s.status(), counts.compared(), counts.differing(), counts.undecided());
        });
        return new EngineStatus(live.status(), shadowStatus, activity.lastDenial(), activity.lookupsInFlight(),
                new EngineStatus.Commands(processes.running(), processes.limits().maxProcesses(), processes.droppedSpawns()),
                lists.statuses().stream().map(ListStatus::toMap).toList());
    }

    /** {@return what the load in force found: warnings (and, in LIBWRAP mode, errors)} */
    public List<Diagnostic> problems() {
        return live.current().problems();
    }

    /**
     * The number of the load in force: 1 for the first, one more for each reload put in force.
     * A door that remembers decisions per connection (as tcpd decides once per connection)
     * decides again when it changes.
     *
     * <pre>{@code
     * if (remembered.generation() != access.generation()) { decide again }
     * }</pre>
     *
     * @return the generation in force
     */
    public long generation() {
        return live.current().generation();
    }

    /** The rule set in force (for the engine's own tests and benchmarks; not API). */
    RuleSet rules() {
        return live.current().rules();
    }

    /**
     * Decides a request. Completes at once when no rule reached needs a name or user; otherwise
     * after the lookups it needs, on the thread that finished the last one. Never blocks.
     *
     * <p>Asking again with the same request object (as for each request of one connection) may
     * reuse the verdict when it needed no lookup and the rules have not changed since; the log
     * line and the listeners still happen for every call, and a rule with options runs them again.
     *
     * @param request who connects, to which daemon
     * @return the decision, once the lookups it needs are done
     */
    public CompletionStage<Decision> check(AccessRequest request) {
        // The clock is read only for listeners and recordings, the consumers of a decision's duration.
        DecisionTrace trace = DecisionTrace.start(!config.listeners().isEmpty());
        if (lists.refusesAll()) {
            return CompletableFuture.completedFuture(finish(request, facts(request), LIST_NOT_ARRIVED, NOT_REMEMBERED, trace));
        }
        if (config.reloadInterval().isZero()) {
            Facts facts = facts(request);
            return live.fresh().thenCompose(snapshot -> decide(snapshot.rules(), NOT_REMEMBERED, facts, request, trace, 0));
        }
        LiveRules.Snapshot snapshot = live.current();
        if (!lists.isEmpty()) {
            // A bound list changes (and expires) between loads: no verdict is kept for reuse.
            return decide(snapshot.rules(), NOT_REMEMBERED, facts(request), request, trace, 0);
        }
        Optional<Decision> known = recent.of(request, snapshot.generation(), RecentDecisions.IN_FORCE);
        if (known.isPresent()) {
            return CompletableFuture.completedFuture(repeat(request, snapshot.generation(), known.get(), trace));
        }
        return decide(snapshot.rules(), snapshot.generation(), facts(request), request, trace, 0);
    }

    /**
     * Decides within {@code timeout}: the stage fails with a {@link TimeoutException} when the
     * lookups take longer (a door then refuses: fail closed). Never blocks; the time limit is
     * kept by the engine's own timer, not by one on the caller's thread.
     *
     * <pre>{@code
     * access.check(request, Duration.ofSeconds(10)).whenComplete((decision, failure) -> ...);
     * }</pre>
     *
     * @param request who connects, to which daemon
     * @param timeout the longest the lookups may take
     * @return the decision, or a failure with {@link TimeoutException}
     */
    public CompletionStage<Decision> check(AccessRequest request, Duration timeout) {
        CompletableFuture<Decision> decision = check(request).toCompletableFuture();
        return decision.isDone() ? decision : deadlines.within(decision, timeout);
    }

    /**
     * Runs a decision's {@link Decision#twist() twist} command for a whole answer (HTTP, gRPC):
     * stdin at end of file, its stdout up to the byte bound, within the engine's
     * {@link CommandLimits}. See {@link ProcessRunner#twistOutput}.
     *
     * @param twist the decision's twist command
     * @return the command's output and why it ended
     */
    public CompletionStage<TwistOutput> twistOutput(Command twist) {
        return processes.twistOutput(twist);
    }

    /**
     * Runs a decision's {@link Decision#twist() twist} command on a client's byte stream (a TCP
     * connection), within the engine's {@link CommandLimits}. See {@link ProcessRunner#twist}.
     *
     * @param twist the decision's twist command
     * @param client the connection the command talks to
     * @return the running session
     */
    public TwistSession twist(Command twist, TwistSession.Client client) {
        return processes.twist(twist, client);
    }

    /**
     * Decides and waits at most {@code timeout}; for threads that may block.
     *
     * @param request who connects, to which daemon
     * @param timeout the longest to wait
     * @return the decision
     * @throws TimeoutException when no decision came within {@code timeout}
     */
    public Decision checkBlocking(AccessRequest request, Duration timeout) throws TimeoutException {
        try {
            return check(request).toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deciding", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("deciding failed", e.getCause());
        }
    }

    /** The answer under {@link ListStartup#DENY_ALL} while a bound list has not arrived. */
    private static final Decision LIST_NOT_ARRIVED = Decision.deniedFor(new Diagnostic(Diagnostic.Level.ERROR,
            Optional.empty(), "a bound list has not arrived yet: access denied (ListStartup.DENY_ALL)"));

    // ---- bound lists --------------------------------------------------------------------

    /**
     * Bans {@code network} fleet-wide on the bound list {@code list} for {@code ttl}: refused
     * here at once, and written to the list's source, which takes it to every engine bound to
     * the same list. Open connections of the network end at the doors that subscribed.
     *
     * <pre>{@code
     * access.ban(Path.of("/etc/hosts.ban"), Network.parse("203.0.113.7"), Duration.ofHours(1), "login flood");
     * }</pre>
     *
     * @param list the bound list's path, as the rules name it
     * @param network the client or network to ban
     * @param ttl how long the ban lasts
     * @param reason why, for the list and its logs
     * @return completes when the source took the write
     * @throws IllegalArgumentException when {@code list} is not bound
     */
    public CompletionStage<Void> ban(Path list, Network network, Duration ttl, String reason) {
        return lists.ban(list, network, ttl, reason);
    }

    /**
     * Removes {@code network}'s entry from the bound list {@code list}, here at once and for the fleet.
     *
     * @param list the bound list's path, as the rules name it
     * @param network the network whose entry goes
     * @return completes when the source took the removal
     */
    public CompletionStage<Void> unban(Path list, Network network) {
        return lists.unban(list, network);
    }

    /**
     * Subscribes to verdict changes: every change of a bound list, and with
     * {@link Builder#endOpenConnectionsOnReload} every applied reload. Closing the result
     * unsubscribes; {@link #close()} drops every subscriber.
     *
     * @param listener hears each verdict change
     * @return closes the subscription
     */
    public AutoCloseable subscribe(VerdictListener listener) {
        Objects.requireNonNull(listener, "listener");
        return lists.subscribe(listener::onVerdictChange);
    }

    /**
     * A number that grows with every verdict change the engine publishes (see {@link #subscribe}):
     * a door that remembers verdicts per connection remembers them per rule set and this number,
     * so a ban reaches the next call on a connection already admitted.
     *
     * @return the count of verdict changes so far
     */
    public long verdictChanges() {
        return lists.changes();
    }

    /** {@return where every bound list stands, in binding order} */
    public List<ListStatus> lists() {
        return lists.statuses();
    }

    /**
     * {@return the bound lists' live entries holding {@code address} (tcpdmatch says where a
     * verdict came from)}
     *
     * @param address the client's address
     */
    public List<ListMatch> listEntries(InetAddress address) {
        return lists.matches(address);
    }

    /**
     * Waits until every bound list arrived once, at most {@code timeout}: for a server that would
     * rather start late than without its lists. True when they all arrived.
     *
     * @param timeout the longest to wait
     * @return whether every bound list arrived
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public boolean awaitLists(Duration timeout) throws InterruptedException {
        return lists.awaitDelivered(timeout);
    }

    /** The generation given to {@link #decide} when its decision is not to be remembered. */
    private static final long NOT_REMEMBERED = ShadowRules.NOT_REMEMBERED;

    private CompletionStage<Decision> decide(RuleSet rules, long generation, Facts facts, AccessRequest request,
            DecisionTrace trace, int round) {
        Outcome outcome = rules.evaluate(facts);
        if (outcome instanceof Outcome.Decided decided) {
            // Made on the first evaluation, so without any lookup (a name may differ next time).
            long remembered = round == 0 ? generation : NOT_REMEMBERED;
            if (remembered != NOT_REMEMBERED) {
                recent.remember(request, generation, RecentDecisions.IN_FORCE, decided.decision());
            }
            // A completed future rather than a minimal stage: callers' toCompletableFuture() then copies nothing.
            return CompletableFuture.completedFuture(finish(request, facts, decided.decision(), remembered, trace));
        }
        if (round > 8) {
            throw new IllegalStateException("evaluation asked for a lookup twice: " + outcome);
        }
        Optional<CompletionStage<?>> lookup = lookUp(outcome, request, facts, trace);
        if (lookup.isEmpty()) {
            Command command = ((Outcome.NeedsAclexec) outcome).command();
            return processes.exitStatus(command).handle((status, failure) -> {
                Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
                if (cause instanceof RejectedExecutionException refused) {
                    // The check could not run within the process bounds: fail closed, whichever
                    // table the rule is in (a void match in hosts.deny would grant).
                    return CompletableFuture.completedStage(finish(request, facts, aclexecRefused(command, refused), NOT_REMEMBERED, trace));
                }
                facts.aclexecResult(command.commandLine(), failure == null && status != null ? status : 1);
                return decide(rules, generation, facts, request, trace, round + 1);
            }).thenCompose(next -> next);
        }
        return lookup.get().thenCompose(done -> decide(rules, generation, facts, request, trace, round + 1));
    }

    /**
     * The stage that fills in the name or user {@code outcome} asks for; empty for an aclexec,
     * which is a command to run and not a lookup.
     */
    private Optional<CompletionStage<?>> lookUp(Outcome outcome, AccessRequest request, Facts facts, DecisionTrace trace) {
        if (outcome instanceof Outcome.NeedsClientName) {
            return Optional.of(name(Lookup.Kind.CLIENT_NAME, request.client().map(a -> a.getAddress()),
                    request.clientName(), trace).thenAccept(n -> facts.clientName(latin1(n))));
        } else if (outcome instanceof Outcome.NeedsServerName) {
            return Optional.of(name(Lookup.Kind.SERVER_NAME, request.server().map(a -> a.getAddress()),
                    request.serverName(), trace).thenAccept(n -> facts.serverName(latin1(n))));
        } else if (outcome instanceof Outcome.NeedsUser needsUser) {
            return Optional.of(user(request, Duration.ofSeconds(needsUser.timeoutSeconds()), trace)
                    .thenAccept(u -> facts.user(latin1(u))));
        }
        return Optional.empty();
    }

    private CompletionStage<String> name(Lookup.Kind kind, Optional<InetAddress> address, Optional<String> given,
            DecisionTrace trace) {
        if (given.isPresent()) {
            return CompletableFuture.completedStage(given.get());
        }
        if (address.isEmpty()) {
            return CompletableFuture.completedStage("unknown");
        }
        trace.lookedUp();
        long began = activity.began();
        return deadlines.within(config.names().verifiedName(address.get()), config.lookupTimeout())
                .handle((name, failure) -> {
                    String text = failure == null && name != null ? keptText(name) : "unknown";
                    activity.ended();
                    if (!config.engineListeners().isEmpty()) {
                        Lookup.Result result = failure != null ? EngineActivity.failure(failure)
                                : name instanceof HostName.Paranoid ? Lookup.Result.PARANOID
                                : text.equals("unknown") ? Lookup.Result.FAILED : Lookup.Result.OK;
                        heard(new Lookup(kind, result, Duration.ofNanos(System.nanoTime() - began)));
                    }
                    return text;
                });
    }

    private void heard(Lookup lookup) {
        for (EngineListener listener : config.engineListeners()) {
            ThreadBoundary.run(LOG,
                    "engine listener", () -> listener.onLookup(lookup));
        }
    }

    /**
     * The text libwrap would keep for a looked-up name. A name that does not fit libwrap's buffer
     * is no name, never its first 127 bytes (Facts would cut it): whatever resolver was given,
     * a name is matched only in the exact form that was verified.
     */
    private static String keptText(HostName name) {
        String claimed = name instanceof HostName.Verified v ? v.name()
                : name instanceof HostName.Paranoid p ? p.claimedName() : "";
        return HostNameSyntax.fits(claimed) ? name.libwrapText() : "unknown";
    }

    private CompletionStage<String> user(AccessRequest request, Duration timeout, DecisionTrace trace) {
        if (request.user().isPresent()) {
            return CompletableFuture.completedStage(request.user().get());
        }
        if (request.client().isEmpty() || request.server().isEmpty()) {
            return CompletableFuture.completedStage("unknown");
        }
        trace.lookedUp();
        long began = activity.began();
        return deadlines.within(config.ident().user(request.client().get(), request.server().get(), timeout),
                        timeout.plusSeconds(1))
                .handle((user, failure) -> {
                    boolean known = failure == null && user != null && user.isPresent();
                    activity.ended();
                    if (!config.engineListeners().isEmpty()) {
                        heard(new Lookup(Lookup.Kind.USER, failure != null ? EngineActivity.failure(failure)
                                : known ? Lookup.Result.OK : Lookup.Result.FAILED,
                                Duration.ofNanos(System.nanoTime() - began)));
                    }
                    return known ? user.get() : "unknown";
                });
    }

    private static Decision aclexecRefused(Command command, RejectedExecutionException why) {
        return Decision.deniedFor(new Diagnostic(Diagnostic.Level.ERROR, Optional.empty(),
                "aclexec \"" + command.commandLine() + "\" not run, access denied: " + why.getMessage()));
    }

    /**
     * The effects of a remembered bare decision: its log line and the shadow comparison (facts
     * made only if the line is written or the shadow verdict is not remembered) and listeners.
     */
    private Decision repeat(AccessRequest request, long generation, Decision decision, DecisionTrace trace) {
        boolean logged = config.decisionLog().writes(decision);
        boolean shadowSettled = shadow.isEmpty() || shadow.get().compareRemembered(request, generation, decision);
        if (logged || !shadowSettled) {
            Facts facts = facts(request);
            if (logged) {
                config.decisionLog().log(facts, decision);
            }
            if (!shadowSettled) {
                shadow.get().compare(request, facts, decision, generation);
            }
        }
        tellListeners(request, decision, trace);
        return decision;
    }

    /**
     * The effects of a decision, once: its log line, spawns, listeners, and the shadow rules'
     * verdict beside it (remembered under {@code generation} unless it is {@link #NOT_REMEMBERED}).
     */
    private Decision finish(AccessRequest request, Facts facts, Decision decision, long generation, DecisionTrace trace) {
        // Effects start here, once per decision: the log line, then the spawns (never blocking).
        config.decisionLog().log(facts, decision);
        for (Command spawn : decision.spawns()) {
            if (lists.isEmpty() || !lists.intercept(spawn)) {
                processes.spawn(spawn);
            }
        }
        tellListeners(request, decision, trace);
        if (shadow.isPresent()) {
            shadow.get().compare(request, facts, decision, generation);
        }
        return decision;
    }

    private void tellListeners(AccessRequest request, Decision decision, DecisionTrace trace) {
        if (decision.denied()) {
            activity.decided(request.daemon(), addressTexts.of(request.client()), decision);
        }
        if (trace == DecisionTrace.NONE) {
            return;
        }
        trace.recorded(request.daemon(), addressTexts.of(request.client()), decision);
        if (!config.listeners().isEmpty()) {
            Duration took = Duration.ofNanos(trace.elapsedNanos());
            int lookups = trace.lookups();
            for (DecisionListener listener : config.listeners()) {
                // A listener's failure, an Error included, must not change or lose the decision.
                ThreadBoundary.run(LOG,
                        "decision listener", () -> listener.onDecision(request, decision, took, lookups));
            }
        }
    }

    /** %p: this process, as tcpd's own pid would be. */
    private static final String PID = Long.toString(ProcessHandle.current().pid());

    /** The request as libwrap's request_info would hold it. */
    private Facts facts(AccessRequest request) {
        Facts facts = new Facts(latin1(request.daemon()), addressTexts.of(request.client()), addressTexts.of(request.server()),
                request.client().isPresent() ? request.client().get().getPort() : -1,
                request.server().isPresent() ? request.server().get().getPort() : -1,
                PID, true);
        request.clientName().ifPresent(n -> facts.clientName(latin1(n)));
        request.serverName().ifPresent(n -> facts.serverName(latin1(n)));
        request.user().ifPresent(u -> facts.user(latin1(u)));
        return facts;
    }

    static String latin1(String text) {
        return ByteText.fromText(text);
    }

    /**
     * Stops whatever the engine runs in the background: file watching and its own process runner
     * (commands still running are killed); a runner given to the builder belongs to the caller.
     */
    @Override
    public void close() {
        processes.removeListener(commandRelay);
        lists.close();
        live.close();
        shadow.ifPresent(ShadowRules::close);
        deadlines.close();
        if (config.givenProcesses().isEmpty()) {
            processes.close();
        }
    }

    /** Configures and builds a {@link HostsAccess}. */
    public static final class Builder {
        private Path allowFile = Path.of("/etc/hosts.allow");
        private Path denyFile = Path.of("/etc/hosts.deny");
        private Mode mode = Mode.STRICT;
        private NetgroupResolver netgroups = NetgroupResolver.NONE;
        private HostNameResolver names = CachingHostNameResolver.of(JdkHostNameResolver.system());
        private IdentResolver ident = Rfc1413IdentResolver.create();
        private Optional<AccountNames> accounts = Optional.empty();
        private FileAccess files = FileAccess.system();
        private Optional<ProcessRunner> processes = Optional.empty();
        private CommandLimits commandLimits = CommandLimits.defaults();
        private DecisionLog decisionLog = DecisionLog.defaults();
        private Duration lookupTimeout = Duration.ofSeconds(5);
        private Duration reloadInterval = Duration.ofSeconds(1);
        private Duration settleTime = Duration.ofSeconds(1);
        private Duration loadTimeout = Duration.ofSeconds(30);
        private long loadMemoryLimit = RuleLoader.defaultMemoryLimit();
        private Optional<MissingTables> missingTables = Optional.empty();
        private final List<DecisionListener> listeners = new ArrayList<>();
        private final List<ReloadListener> reloadListeners = new ArrayList<>();
        private final List<EngineListener> engineListeners = new ArrayList<>();
        private Optional<Path> shadowAllowFile = Optional.empty();
        private Optional<Path> shadowDenyFile = Optional.empty();
        private final Map<Path, ListSource> boundLists = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();
        private ListStartup listStartup = ListStartup.SERVE_FILE_RULES;
        private boolean endOpenConnectionsOnReload;
        private int maxListEntries = ListBindings.DEFAULT_MAX_ENTRIES;
        private String banOrigin = ListSources.defaultOrigin("tcpwrappers");
        private int bansPerSecond = 20;

        private Builder() {
        }

        /**
         * Binds a {@code /file} list path of the rules to a live list: a rule naming
         * {@code path} (as written, compared absolute and normalised) matches the clients the
         * source's list holds at decision time, and the file is not read. Paths not bound stay
         * ordinary files, so the same rules still pass tcpdchk and mean something to libwrap.
         * The engine starts the source after the rules loaded and closes it with itself.
         *
         * <pre>{@code
         * // hosts.deny:  ALL : /etc/hosts.ban
         * HostsAccess.builder().bindList(Path.of("/etc/hosts.ban"), RedisList.builder(uri).build()).build();
         * }</pre>
         *
         * @param path the {@code /file} path the rules name
         * @param source the live list behind it
         * @return this builder
         * @throws IllegalArgumentException when the path is bound already
         */
        public Builder bindList(Path path, ListSource source) {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(source, "source");
            if (boundLists.keySet().stream().anyMatch(p -> RuleLoader.boundKey(p).equals(RuleLoader.boundKey(path)))) {
                throw new IllegalArgumentException(path + " is bound already");
            }
            boundLists.put(path, source);
            return this;
        }

        /**
         * What the engine does while a bound list has not arrived (default {@link ListStartup#SERVE_FILE_RULES}).
         *
         * @param startup what to do meanwhile
         * @return this builder
         */
        public Builder listStartup(ListStartup startup) {
            this.listStartup = Objects.requireNonNull(startup);
            return this;
        }

        /**
         * The clock list expiries are judged by (default the system's; tests give their own).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /**
         * Whether an applied reload of the files tells the doors to decide again for open
         * connections and end those now denied (default false: libwrap decides only at connect
         * time). List changes always do.
         *
         * @param end whether a reload ends open connections it now denies
         * @return this builder
         */
        public Builder endOpenConnectionsOnReload(boolean end) {
            this.endOpenConnectionsOnReload = end;
            return this;
        }

        /**
         * The most entries one bound list may hold (default 2,000,000); a larger delivery is refused.
         *
         * @param max the most entries, at least 1
         * @return this builder
         * @throws IllegalArgumentException when {@code max} is not positive
         */
        public Builder maxListEntries(int max) {
            if (max <= 0) {
                throw new IllegalArgumentException("max list entries must be positive: " + max);
            }
            this.maxListEntries = max;
            return this;
        }

        /**
         * The origin bans from this engine carry (default {@code tcpwrappers@HOST:PID}).
         *
         * @param origin the origin text
         * @return this builder
         */
        public Builder banOrigin(String origin) {
            this.banOrigin = Objects.requireNonNull(origin);
            return this;
        }

        /**
         * Bans rules may write per second through {@code spawn tcpwrappers-ban ...} (default 20, as spawn).
         *
         * @param perSecond the most bans per second, at least 1
         * @return this builder
         * @throws IllegalArgumentException when {@code perSecond} is not positive
         */
        public Builder bansPerSecond(int perSecond) {
            if (perSecond <= 0) {
                throw new IllegalArgumentException("bans per second must be positive: " + perSecond);
            }
            this.bansPerSecond = perSecond;
            return this;
        }

        /**
         * The allow table (default {@code /etc/hosts.allow}).
         *
         * @param path the allow table's path
         * @return this builder
         */
        public Builder allowFile(Path path) {
            this.allowFile = Objects.requireNonNull(path);
            return this;
        }

        /**
         * The deny table (default {@code /etc/hosts.deny}).
         *
         * @param path the deny table's path
         * @return this builder
         */
        public Builder denyFile(Path path) {
            this.denyFile = Objects.requireNonNull(path);
            return this;
        }

        /**
         * Both tables from one directory: {@code dir/hosts.allow} and {@code dir/hosts.deny}.
         *
         * @param dir the directory holding both tables
         * @return this builder
         */
        public Builder directory(Path dir) {
            return allowFile(dir.resolve("hosts.allow")).denyFile(dir.resolve("hosts.deny"));
        }

        /**
         * Strict (default) or LIBWRAP loading.
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode);
            return this;
        }

        /**
         * Answers {@code @netgroup} patterns (default: no netgroups).
         *
         * @param resolver the netgroup resolver
         * @return this builder
         */
        public Builder netgroupResolver(NetgroupResolver resolver) {
            this.netgroups = Objects.requireNonNull(resolver);
            return this;
        }

        /**
         * Verifies client and server names when rules need them.
         *
         * @param resolver the host name resolver
         * @return this builder
         */
        public Builder hostNameResolver(HostNameResolver resolver) {
            this.names = Objects.requireNonNull(resolver);
            return this;
        }

        /**
         * Asks ident for the client's user when rules need it.
         *
         * @param resolver the ident resolver
         * @return this builder
         */
        public Builder identResolver(IdentResolver resolver) {
            this.ident = Objects.requireNonNull(resolver);
            return this;
        }

        /**
         * The longest a name lookup may take before the name counts as unknown (default 5 s).
         *
         * @param timeout the longest a name lookup may take
         * @return this builder
         */
        public Builder lookupTimeout(Duration timeout) {
            this.lookupTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /**
         * Users and groups the {@code user} / {@code group} options may name (default: the system's).
         *
         * @param names the users and groups that exist
         * @return this builder
         */
        public Builder accountNames(AccountNames names) {
            this.accounts = Optional.of(names);
            return this;
        }

        /** How files are read (default: the file system). Not API: for the engine's tests of hostile file systems. */
        Builder fileAccess(FileAccess access) {
            this.files = Objects.requireNonNull(access);
            return this;
        }

        /**
         * Runs spawn, aclexec and twist commands within its limits (default: a runner of the
         * engine's own with {@link #commandLimits}, stopped by {@link HostsAccess#close()}). A
         * runner given here may be shared by several engines and is closed by the caller. Not
         * API: the engine's tests reach it through the test-jar.
         */
        Builder processRunner(ProcessRunner runner) {
            this.processes = Optional.of(runner);
            return this;
        }

        /**
         * The bounds of the engine's own process runner (default {@link CommandLimits#defaults()}):
         * spawn, aclexec and twist together. Ignored when a {@link #processRunner} is given.
         *
         * @param limits the runner's bounds
         * @return this builder
         */
        public Builder commandLimits(CommandLimits limits) {
            this.commandLimits = Objects.requireNonNull(limits);
            return this;
        }

        /**
         * How decisions are logged (default: {@link DecisionLog#defaults()}, tcpd's lines).
         *
         * @param log the decision log
         * @return this builder
         */
        public Builder decisionLog(DecisionLog log) {
            this.decisionLog = Objects.requireNonNull(log);
            return this;
        }

        /**
         * How often the files are checked for changes (default 1 s; a WatchService also
         * triggers a check at once where the platform has one). {@link Duration#ZERO} checks on
         * every decision, as libwrap does, off the caller's thread.
         *
         * @param interval the time between checks
         * @return this builder
         */
        public Builder reloadInterval(Duration interval) {
            this.reloadInterval = Durations.notNegative("reload interval", interval);
            return this;
        }

        /**
         * What a table that does not exist means (default: {@link MissingTables#REFUSE} in strict
         * mode, {@link MissingTables#EMPTY} with a warning in LIBWRAP mode).
         *
         * @param meaning what a missing table means
         * @return this builder
         */
        public Builder missingTables(MissingTables meaning) {
            this.missingTables = Optional.of(Objects.requireNonNull(meaning));
            return this;
        }

        /**
         * How long a changed file must hold still (size, mtime and file key unchanged, watched by
         * this engine) before it is put in force (default 1 s). An in-place write is a truncate
         * and then writes; any part of it that held still this long could be put in force, so a
         * writer that may pause longer should write a temporary file and rename it over. An
         * emptied table waits at least 5 s; a pure append (old bytes unchanged, ending in a
         * newline) takes effect at once.
         *
         * @param settle how long a changed file must hold still
         * @return this builder
         */
        public Builder settleTime(Duration settle) {
            this.settleTime = Durations.notNegative("settle time", settle);
            return this;
        }

        /**
         * The longest a load may take (default 30 s): past it the load is abandoned to its thread
         * (a file system that hangs a read), refused, and later reloads go on.
         *
         * @param timeout the longest a load may take
         * @return this builder
         */
        public Builder loadTimeout(Duration timeout) {
            this.loadTimeout = Durations.positive("load timeout", timeout);
            return this;
        }

        /**
         * The most heap a load may cost, estimated before parsing at about 1 KiB per rule and
         * 256 bytes per list word (default: a quarter of the maximum heap). A larger table is
         * refused in every mode with {@code FILE: too large (N rules, about M MiB; limit ...)},
         * and the rules in force stay.
         *
         * @param bytes the most heap one load may cost
         * @return this builder
         */
        public Builder loadMemoryLimit(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("load memory limit must be positive: " + bytes);
            }
            this.loadMemoryLimit = bytes;
            return this;
        }

        /**
         * Adds a listener that hears every reload attempt.
         *
         * @param listener the reload listener
         * @return this builder
         */
        public Builder reloadListener(ReloadListener listener) {
            this.reloadListeners.add(Objects.requireNonNull(listener));
            return this;
        }

        /**
         * Adds a listener that hears lookups, commands and shadow differences (see {@link EngineListener}).
         *
         * @param listener the engine listener
         * @return this builder
         */
        public Builder engineListener(EngineListener listener) {
            this.engineListeners.add(Objects.requireNonNull(listener));
            return this;
        }

        /**
         * Shadow tables: decided beside the real ones for every request and never enforced (no
         * spawn, twist, banners or aclexec of theirs runs). Where a shadow verdict differs, the
         * engine logs {@code shadow: would deny sshd from 127.0.0.2 (/etc/shadow/hosts.deny:7,
         * in force: /etc/hosts.allow:3)} on {@code io.github.tcpwrappers.shadow} and counts it.
         * They are reloaded like the real tables, and loaded as strictly: strict mode refuses a
         * broken shadow table at build time, with FILE:LINE. Without them nothing is evaluated.
         *
         * <pre>{@code
         * HostsAccess.builder().directory(Path.of("/etc")).shadowDirectory(Path.of("/etc/hosts.next")).build();
         * }</pre>
         *
         * @param dir the directory holding the shadow {@code hosts.allow} and {@code hosts.deny}
         * @return this builder
         */
        public Builder shadowDirectory(Path dir) {
            return shadowFiles(dir.resolve("hosts.allow"), dir.resolve("hosts.deny"));
        }

        /**
         * Shadow tables by name (see {@link #shadowDirectory}).
         *
         * @param allow the shadow allow table
         * @param deny the shadow deny table
         * @return this builder
         */
        public Builder shadowFiles(Path allow, Path deny) {
            this.shadowAllowFile = Optional.of(Objects.requireNonNull(allow));
            this.shadowDenyFile = Optional.of(Objects.requireNonNull(deny));
            return this;
        }

        /**
         * Adds a listener that hears every decision.
         *
         * @param listener the decision listener
         * @return this builder
         */
        public Builder listener(DecisionListener listener) {
            this.listeners.add(Objects.requireNonNull(listener));
            return this;
        }

        /**
         * Tables, mode, reloading, command limits and logging as {@code settings} give them (text
         * configuration, read the same way by every door).
         *
         * <pre>{@code
         * HostsAccess.builder().settings(HostsAccessSettings.parse("app.properties", properties)).build();
         * }</pre>
         *
         * @param settings the settings to take
         * @return this builder
         */
        public Builder settings(HostsAccessSettings settings) {
            return settings.configure(this);
        }

        /**
         * Loads the files and builds the engine.
         *
         * @return the engine, with the rules in force
         * @throws RulesRejectedException in strict mode, when the files have problems
         */
        public HostsAccess build() {
            // /etc/passwd and /etc/group are read at each build, so a new engine sees new accounts.
            return new HostsAccess(new Config(allowFile, denyFile, mode, netgroups, names, ident,
                    accounts.orElseGet(SystemAccounts::read), files, processes, commandLimits,
                    decisionLog, lookupTimeout, reloadInterval, settleTime, loadTimeout, loadMemoryLimit,
                    missingTables, listeners, reloadListeners, engineListeners, shadowAllowFile, shadowDenyFile,
                    boundLists, clock, listStartup, endOpenConnectionsOnReload, maxListEntries, banOrigin, bansPerSecond));
        }
    }

}
