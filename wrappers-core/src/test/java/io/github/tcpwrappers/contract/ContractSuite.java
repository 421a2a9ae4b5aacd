/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.Mode;
import io.github.tcpwrappers.lookup.JdkHostNameResolver;
import io.github.tcpwrappers.spi.NetgroupResolver;
import io.github.tcpwrappers.testing.Dnsmasq;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The door contract (issue 19, item 5): every public conformance case a door can express, run
 * on real loopback sockets through that door and compared with libwrap's answer: verdict (the
 * application answered or not), banner bytes, twist output, keepalive where the door shows it,
 * and each spawn command's effect (the file it writes). One engine per case (LIBWRAP mode, names
 * from a dnsmasq that knows none, as the oracle's libwrap has none); the door's server stays up.
 *
 * <pre>{@code
 * try (ContractSuite suite = ContractSuite.start()) {
 *     Stream<DynamicTest> tests = suite.cases(door, temp);   // from a @TestFactory
 * }
 * }</pre>
 *
 * {@code -Dcontract.case=ID} (a comma-separated list; an entry ending in {@code *} is a prefix)
 * runs only those cases. {@link #close()} prints the summary line
 * {@code contract[DOOR]: N cases expressible, R ran, P passed, F failed} and the reasons the
 * other public cases were left out.
 */
public final class ContractSuite implements AutoCloseable {
    private static final Duration SPAWN_WAIT = Duration.ofSeconds(5);

    private final Dnsmasq dns;
    private final JdkHostNameResolver names;
    private final List<ContractCase> corpus = ContractCase.all();
    private final AtomicInteger ran = new AtomicInteger();
    private final AtomicInteger passed = new AtomicInteger();
    private final List<String> failed = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> refused = new ConcurrentHashMap<>();
    private final Map<String, Long> took = new ConcurrentHashMap<>();
    private String door = "?";

    private ContractSuite(Dnsmasq dns) {
        this.dns = dns;
        this.names = JdkHostNameResolver.builder().dnsServer(dns.url()).timeout(Duration.ofSeconds(2)).build();
    }

    /** Starts the suite's DNS server (a dnsmasq that answers NXDOMAIN for every loopback address). */
    public static ContractSuite start() throws Exception {
        return new ContractSuite(Dnsmasq.start());
    }

    /** One dynamic test per selected case, named by its id, each run through {@code door}. */
    public Stream<DynamicTest> cases(Door door, Path temp) throws Exception {
        this.door = door.name();
        Predicate<String> selected = selection(System.getProperty("contract.case", ""));
        Map<String, String> refusedDaemons = refusedDaemons(door, corpus, temp);
        corpus.stream().map(c -> refusedDaemons.get(c.daemon())).filter(Objects::nonNull)
                .forEach(reason -> refused.merge(reason, 1, Integer::sum));
        AtomicInteger n = new AtomicInteger();
        return corpus.stream().filter(c -> !refusedDaemons.containsKey(c.daemon())).filter(c -> selected.test(c.id()))
                .map(c -> DynamicTest.dynamicTest(c.id(), () -> {
            ran.incrementAndGet();
            long start = System.nanoTime();
            try {
                run(c, door, Files.createDirectory(temp.resolve("contract-" + n.getAndIncrement())));
                passed.incrementAndGet();
                took.put(c.id(), (System.nanoTime() - start) / 1_000_000);
            } catch (AssertionError | Exception e) {
                failed.add(c.id() + ": " + e.getMessage());
                throw e;
            }
        }));
    }

    /**
     * The daemon names {@code door} refuses to be built with (the empty name), each with the
     * door's reason: their cases are left out, and counted.
     */
    private static Map<String, String> refusedDaemons(Door door, List<ContractCase> cases, Path temp) throws Exception {
        Map<String, String> refused = new TreeMap<>();
        Path empty = Files.createDirectory(temp.resolve("contract-probe"));
        Files.writeString(empty.resolve("hosts.allow"), "");
        Files.writeString(empty.resolve("hosts.deny"), "");
        try (HostsAccess probe = HostsAccess.builder().directory(empty).build()) {
            for (String daemon : cases.stream().map(ContractCase::daemon).distinct().toList()) {
                try {
                    door.serve(probe, daemon);
                } catch (IllegalArgumentException e) {
                    refused.put(daemon, "the door refuses the daemon name: " + e.getMessage());
                }
            }
        }
        return refused;
    }

    private void run(ContractCase c, Door door, Path dir) throws Exception {
        write(dir, "hosts.allow", c.allow(), dir);
        write(dir, "hosts.deny", c.deny(), dir);
        for (Map.Entry<String, String> f : c.files().entrySet()) {
            write(dir, f.getKey(), Optional.of(f.getValue()), dir);
        }
        Path reference = Files.createDirectory(dir.resolve(".expected"));
        Door.Observed got;
        try (HostsAccess engine = engine(dir, c.netgroups())) {
            door.serve(engine, c.daemon());
            got = door.ask(c.client(), c.server(), new byte[0]);
            Door.Observed want = door.present(expected(c, dir, new byte[0]));
            String where = door.name() + " " + c.id() + " (from " + c.from() + ")";
            assertEquals(want.served(), got.served(), where + ": served by the application");
            assertEquals(want.text(), got.text(), where + ": what the door answered");
            if (got.keepalive().isPresent() && want.keepalive().isPresent()) {
                assertEquals(want.keepalive(), got.keepalive(), where + ": SO_KEEPALIVE");
            }
            assertSpawnEffects(c, dir, reference, where);
        }
    }

    /** What libwrap's answer means for every door; twist output from the oracle's command. */
    static Expected expected(ContractCase c, Path dir, byte[] input) {
        ContractCase.Answer a = c.answer();
        Optional<String> twist = a.twist()
                ? Optional.of(Expected.text(Shell.output(inDir(last(a.values("twist")), dir), input, a.setenv(), dir)))
                : Optional.empty();
        boolean keepalive = !a.values("keepalive").isEmpty();
        return new Expected(a.granted(), a.banner().map(b -> Expected.text(ContractCase.bytes(inDir(b, dir)))), twist,
                keepalive);
    }

    /**
     * Runs every spawn command libwrap expanded in {@code reference} (the case's
     * {@code spawned.N} files land there) and waits until the door's engine wrote the same files
     * with the same bytes in the case's directory.
     */
    private static void assertSpawnEffects(ContractCase c, Path dir, Path reference, String where) throws Exception {
        for (String spawn : c.answer().values("spawn")) {
            Shell.output(inDir(spawn, reference), new byte[0], c.answer().setenv(), reference);
        }
        Map<String, String> want = spawned(reference);
        long end = System.nanoTime() + SPAWN_WAIT.toNanos();
        Map<String, String> got = spawned(dir);
        while (!want.equals(got) && System.nanoTime() < end) {
            Thread.sleep(10);
            got = spawned(dir);
        }
        assertEquals(want, got, where + ": files the spawn commands wrote");
    }

    private static Map<String, String> spawned(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.filter(p -> p.getFileName().toString().startsWith("spawned.")).toList()) {
                files.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }

    private HostsAccess engine(Path dir, Map<String, List<String>> netgroups) {
        // The oracle answers innetgr from the case's table with strcasecmp: ASCII letters fold.
        NetgroupResolver groups = (group, host) -> netgroups.getOrDefault(group, List.of()).stream()
                .anyMatch(member -> asciiFolded(member).equals(asciiFolded(host)));
        return HostsAccess.builder().directory(dir).mode(Mode.LIBWRAP).hostNameResolver(names)
                .netgroupResolver(groups).commandLimits(TwistCases.LIMITS).build();
    }

    private static String asciiFolded(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.chars().forEach(ch -> out.append((char) (ch >= 'A' && ch <= 'Z' ? ch + 32 : ch)));
        return out.toString();
    }

    private static String last(List<String> values) {
        return values.get(values.size() - 1);
    }

    private static String inDir(String text, Path dir) {
        return text.replace("${DIR}", dir.toString());
    }

    private static void write(Path dir, String name, Optional<String> text, Path root) throws IOException {
        if (text.isPresent()) {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.write(p, inDir(text.get(), root).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Ids to run: all, or a comma-separated list, each entry an id or a prefix ending in {@code *}. */
    static Predicate<String> selection(String spec) {
        if (spec.isBlank()) {
            return id -> true;
        }
        List<String> entries = List.of(spec.split(","));
        return id -> entries.stream().map(String::strip).anyMatch(e -> e.endsWith("*")
                ? id.startsWith(e.substring(0, e.length() - 1)) : id.equals(e));
    }

    /** The summary line; stops the DNS server. */
    @Override
    public void close() throws Exception {
        Map<String, Integer> leftOut = new TreeMap<>(ContractCase.leftOut());
        int total = corpus.size() + leftOut.values().stream().mapToInt(Integer::intValue).sum();
        refused.forEach((reason, count) -> leftOut.merge(reason, count, Integer::sum));
        int expressible = total - leftOut.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("contract[%s]: %d of %d public cases expressible, %d ran, %d passed, %d failed%n", door,
                expressible, total, ran.get(), passed.get(), failed.size());
        System.out.println("contract[" + door + "]: left out: " + leftOut.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining("; ")));
        System.out.println("contract[" + door + "]: slowest (ms): " + took.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        failed.stream().limit(30).forEach(f -> System.out.println("  " + f));
        names.close();
        dns.close();
    }
}
