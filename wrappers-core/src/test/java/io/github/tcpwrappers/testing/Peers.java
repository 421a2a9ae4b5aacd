/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The one place a test asks for a real peer program (haproxy, dnsmasq, Debian's tcpdmatch, ...).
 * A peer that is installed is returned; a missing one skips the test (a JUnit assumption) with
 * one line naming what to install, or, under CI ({@code CI=true}), fails it, so a CI machine
 * that lost a package cannot go green by skipping:
 *
 * <pre>{@code
 * Path haproxy = Peers.require("haproxy", "apt-get install -y haproxy");
 * }</pre>
 */
public final class Peers {
    /** Where Debian installs daemons and tools; searched before {@code PATH}. */
    private static final List<Path> SYSTEM_DIRECTORIES = List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"),
            Path.of("/sbin"), Path.of("/bin"), Path.of("/usr/local/sbin"), Path.of("/usr/local/bin"));

    private final boolean ci;
    private final List<Path> directories;

    private Peers(boolean ci, List<Path> directories) {
        this.ci = ci;
        this.directories = List.copyOf(directories);
    }

    /** Peers as this JVM's environment finds them: {@code CI} and {@code PATH}. */
    public static Peers fromEnvironment() {
        return of(System.getenv());
    }

    /** Peers as the given environment finds them: {@code CI=true} makes a missing peer fail. */
    public static Peers of(Map<String, String> environment) {
        LinkedHashSet<Path> directories = new LinkedHashSet<>(SYSTEM_DIRECTORIES);
        String path = environment.getOrDefault("PATH", "");
        for (String entry : path.split(":")) {
            if (!entry.isEmpty()) {
                directories.add(Path.of(entry));
            }
        }
        return new Peers("true".equalsIgnoreCase(environment.getOrDefault("CI", "")), new ArrayList<>(directories));
    }

    /** {@link #find} in this JVM's environment. */
    public static Path require(String program, String install) {
        return fromEnvironment().find(program, install);
    }

    /**
     * The executable {@code program} (a bare name, or an absolute path to exactly that file), or
     * the test is skipped (failed under CI) with {@code install} as the way to get it.
     */
    public Path find(String program, String install) {
        Optional<Path> found = locate(program);
        if (found.isPresent()) {
            return found.get();
        }
        String line = "missing peer: " + program + " is not installed (looked in "
                + (program.startsWith("/") ? program : String.join(":", directories.stream().map(Path::toString)
                        .toList()))
                + "); install it: " + install;
        return absent(line);
    }

    /**
     * A peer that is not there, described by {@code line}: fails under CI, else skips the test
     * with that one line. For peers that are not one program on the path (an unpacked tree).
     */
    public <T> T absent(String line) {
        if (ci) {
            throw new AssertionError(line + " (CI=true: a missing peer fails)");
        }
        // Surefire shows the reason of a skip only in its reports: say it where the run is read.
        System.err.println(line + "; skipping");
        return Assumptions.abort(line);
    }

    /** Where {@code program} is, without deciding anything. */
    public Optional<Path> locate(String program) {
        if (program.startsWith("/")) {
            Path exact = Path.of(program);
            return Files.isRegularFile(exact) && Files.isExecutable(exact) ? Optional.of(exact) : Optional.empty();
        }
        if (program.isEmpty() || program.contains("/")) {
            throw new IllegalArgumentException("a program is a bare name or an absolute path: " + program);
        }
        return directories.stream().map(d -> d.resolve(program))
                .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
    }
}
