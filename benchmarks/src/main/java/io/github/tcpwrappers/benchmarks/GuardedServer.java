/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import io.github.tcpwrappers.HostsAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A running benchmark server, {@link GuardedJetty} or {@link GuardedTomcat}: the rule files in a
 * directory of its own, the guard's engine if it has one, and the guard filter's own time.
 */
abstract class GuardedServer implements AutoCloseable {
    /** The directory with hosts.allow and hosts.deny. */
    final Path dir;
    private final OwnTime.Totals ownTime = new OwnTime.Totals();
    private Optional<HostsAccess> access = Optional.empty();

    /**
     * Checks {@code guard} (none, a filter guard, or one of {@code ownGuards}) before anything is
     * made, so a bad name leaves no rule directory behind; then makes the rule directory.
     */
    GuardedServer(String container, String guard, Set<String> ownGuards) throws IOException {
        List<String> guards = new ArrayList<>(List.of("none"));
        guards.addAll(ownGuards);
        guards.addAll(ServerParts.FILTER_GUARDS);
        if (!guards.contains(guard)) {
            throw new IllegalArgumentException("guard must be one of " + guards + " in " + container + ": " + guard);
        }
        dir = Files.createTempDirectory("servlet-bench");
    }

    /** Starts {@code container} ({@code jetty} or {@code tomcat}) with {@code guard} in front of {@code app}. */
    static GuardedServer start(String container, String guard, int rules, String app) throws Exception {
        return switch (container) {
            case "jetty" -> new GuardedJetty(guard, rules, app);
            case "tomcat" -> new GuardedTomcat(guard, rules, app);
            default -> throw new IllegalArgumentException("container must be jetty or tomcat: " + container);
        };
    }

    /** The port on 127.0.0.1. */
    abstract int port();

    /** Stops the container. */
    abstract void stop() throws Exception;

    /** The filter for {@code guard} ({@link ServerParts#guard}); its engine is closed with the server. */
    final Optional<ServerParts.Guard> guardFilter(String guard) throws Exception {
        Optional<ServerParts.Guard> filter = ServerParts.guard(guard, dir, ownTime);
        access = filter.flatMap(ServerParts.Guard::engine);
        return filter;
    }

    /** Time the guard filter spent before passing a request on ({@code timedFilter} guard only). */
    final OwnTime.Totals ownTime() {
        return ownTime;
    }

    @Override
    public final void close() throws Exception {
        stop();
        access.ifPresent(HostsAccess::close);
        RuleFiles.deleteTree(dir);
    }
}
