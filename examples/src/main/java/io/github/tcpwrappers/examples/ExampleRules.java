/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.examples;

import io.github.tcpwrappers.DecisionLog;
import io.github.tcpwrappers.HostsAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The rules directory the example servers share, and the engine they build on it.
 *
 * <pre>{@code
 * HostsAccess access = ExampleRules.engine(ExampleRules.directory());
 * }</pre>
 *
 * <p>The rule files name banner directories and a spawn log by relative paths, which (as in
 * libwrap) are relative to the working directory: the examples run from {@code examples/}.
 */
public final class ExampleRules {
    /** The shared rules directory, relative to the working directory. */
    public static final Path DIRECTORY = Path.of("rules");
    /** Where the {@code spawn} option of hosts.allow appends its lines. */
    public static final Path SPAWN_LOG = Path.of("target", "spawn.log");

    private ExampleRules() {
    }

    /**
     * {@link #DIRECTORY}, after checking that the working directory is {@code examples/}.
     *
     * @throws IllegalStateException with what to do, when it is not
     */
    public static Path directory() {
        if (!Files.isRegularFile(DIRECTORY.resolve("hosts.allow")) || !Files.isDirectory(Path.of("rules", "banners"))) {
            throw new IllegalStateException("rules/hosts.allow not found in " + Path.of("").toAbsolutePath()
                    + ": run the examples from the examples/ directory of the repository (./demo.sh does)");
        }
        try {
            Files.createDirectories(SPAWN_LOG.getParent());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + SPAWN_LOG.getParent().toAbsolutePath() + ": " + e, e);
        }
        return DIRECTORY;
    }

    /**
     * An engine on {@code dir/hosts.allow} and {@code dir/hosts.deny} (strict mode, reloading
     * within a second of a change), logging each decision with the daemon and both ends'
     * addresses and ports, all %-expanded.
     */
    public static HostsAccess engine(Path dir) {
        return builder(dir).build();
    }

    /**
     * The builder {@link #engine} builds, for an engine that needs more, e.g. a bound ban list:
     * {@code ExampleRules.builder(dir).bindList(dir.resolve("hosts.ban"), bans).build()}.
     */
    public static HostsAccess.Builder builder(Path dir) {
        return HostsAccess.builder()
                .directory(dir)
                .decisionLog(DecisionLog.builder()
                        .grantedFormat("%d: connect from %a port %r to %A port %R")
                        .deniedFormat("%d: refused connect from %a port %r to %A port %R")
                        .build());
    }
}
