/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.HostsAccess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;

/**
 * The layers of DESIGN.md, checked on the compiled classes with the JDK's own {@code jdeps}
 * (run in this JVM, on every build): the core's packages form no cycle, and the pure layers
 * (language, evaluation) and the leaves (value, spi, text) reach nothing at the edge.
 */
class PackageLayersTest {
    private static final String CORE = "io.github.tcpwrappers";
    /** Class-level dependencies: from class to class, as jdeps -verbose:class prints them. */
    private static final Pattern EDGE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+\\S+.*$");

    private static Map<String, Set<String>> classes;
    private static Map<String, Set<String>> packages;

    @BeforeAll
    static void readTheCompiledCore() throws URISyntaxException {
        Path core = Path.of(HostsAccess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path slf4j = Path.of(Logger.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(out), "--multi-release", "17",
                "-verbose:class", "--module-path", slf4j.toString(), core.toString());
        assertEquals(0, status, () -> "jdeps failed:\n" + out);
        classes = new TreeMap<>();
        packages = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            Matcher m = EDGE.matcher(line);
            if (m.matches() && m.group(1).startsWith(CORE + ".") || m.matches() && isCoreClass(m.group(1))) {
                classes.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
                packages.computeIfAbsent(packageOf(m.group(1)), k -> new TreeSet<>()).add(packageOf(m.group(2)));
            }
        }
        assertTrue(packages.size() >= 8, () -> "jdeps saw too few packages: " + packages.keySet() + "\n" + out);
    }

    private static boolean isCoreClass(String name) {
        return packageOf(name).equals(CORE);
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    @Test
    void theCorePackagesFormNoCycle() {
        List<List<String>> cycles = new ArrayList<>();
        for (String from : packages.keySet()) {
            for (String to : corePackages(from)) {
                if (!to.equals(from) && reaches(to, from, new TreeSet<>())) {
                    cycles.add(List.of(from, to));
                }
            }
        }
        assertEquals(List.of(), cycles, "package pairs that reach each other");
    }

    @Test
    void nothingBelowThePublicApiPackageImportsItBack() {
        for (String from : packages.keySet()) {
            if (!from.equals(CORE)) {
                assertFalse(packages.get(from).contains(CORE), from + " depends on the API package " + CORE);
            }
        }
    }

    static Stream<Arguments> layers() {
        Set<String> edge = Set.of(CORE, CORE + ".files", CORE + ".lookup", CORE + ".effects");
        return Stream.of(
                Arguments.of(CORE + ".language", edge),
                Arguments.of(CORE + ".evaluation", edge),
                Arguments.of(CORE + ".value", union(edge, Set.of(CORE + ".language", CORE + ".evaluation", CORE + ".spi"))),
                Arguments.of(CORE + ".spi", union(edge, Set.of(CORE + ".language", CORE + ".evaluation"))),
                Arguments.of(CORE + ".text", union(edge, Set.of(CORE + ".language", CORE + ".evaluation",
                        CORE + ".value", CORE + ".spi"))));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    @ParameterizedTest
    @MethodSource("layers")
    void aLowerLayerReachesNothingAboveIt(String layer, Set<String> above) {
        Set<String> reached = new TreeSet<>(packages.getOrDefault(layer, Set.of()));
        reached.retainAll(above);
        assertEquals(Set.of(), reached, layer + " depends on packages above it");
    }

    /**
     * No I/O, threads, clocks or logging in the pure layers, with no exception: the one machine
     * question the language has (glibc's if_nametoindex for a link-local address's %zone) is
     * asked of a language.InterfaceNames the edge passes in (files.SystemInterfaces).
     */
    @ParameterizedTest
    @MethodSource("pureLayers")
    void thePureLayersDoNoIoKeepNoThreadsReadNoClockAndDoNotLog(String layer) {
        Pattern impure = Pattern.compile("java\\.io\\.(File|.*Stream|Reader|Writer|RandomAccessFile).*|java\\.nio\\.(file|channels)\\..*"
                + "|java\\.net\\.(Socket|ServerSocket|DatagramSocket|NetworkInterface|URL|URLConnection|InetAddress)\\b.*"
                + "|java\\.lang\\.(Thread|ProcessBuilder|Process|Runtime)\\b.*|java\\.util\\.concurrent\\..*"
                + "|java\\.time\\.(Clock|Instant)\\b.*|org\\.slf4j\\..*|java\\.util\\.logging\\..*|java\\.lang\\.System\\$Logger.*");
        List<String> found = new ArrayList<>();
        classes.forEach((from, targets) -> {
            if (packageOf(from).equals(layer)) {
                for (String to : targets) {
                    if (impure.matcher(to).matches()) {
                        found.add(from + " -> " + to);
                    }
                }
            }
        });
        assertEquals(List.of(), found, layer + " must stay pure");
    }

    static Stream<String> pureLayers() {
        return Stream.of(CORE + ".language", CORE + ".evaluation");
    }

    private static Set<String> corePackages(String from) {
        Set<String> to = new TreeSet<>();
        for (String p : packages.getOrDefault(from, Set.of())) {
            if (p.equals(CORE) || p.startsWith(CORE + ".")) {
                to.add(p);
            }
        }
        return to;
    }

    private static boolean reaches(String from, String target, Set<String> seen) {
        if (from.equals(target)) {
            return true;
        }
        if (!seen.add(from)) {
            return false;
        }
        for (String next : corePackages(from)) {
            if (!next.equals(from) && reaches(next, target, seen)) {
                return true;
            }
        }
        return false;
    }
}
