/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code tcpdmatch --replay} as a user runs it: the CLI jar in a JVM of its own, on a generated
 * log of {@code lines} decision lines in slf4j-simple's key-value form (as the engine writes
 * them) for {@code clients} distinct addresses, against a hosts.deny of 1,000 single-address
 * lines. Prints each run's wall time (JVM start included) and the CPU time the JVM used. With
 * {@code warm} last, the runs are instead made in this JVM one after the other (the CLI jar in a
 * class loader of its own, {@code Main.run}), and each prints the calling thread's CPU time: the
 * replay's own cost once the JIT has compiled it, without JVM start, compiler or GC threads.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.github.tcpwrappers.benchmarks.ReplayThroughput \
 *     wrappers-cli/target/wrappers-cli.jar 1000000 50000 3 [warm]
 * }</pre>
 */
public final class ReplayThroughput {
    private ReplayThroughput() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path cli = Path.of(args.length > 0 ? args[0] : "wrappers-cli/target/wrappers-cli.jar");
        int lines = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 50_000;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        boolean warm = args.length > 4 && args[4].equals("warm");
        Path rules = RuleFiles.denyList(1000);
        Path log = Files.createTempFile("replay", ".log");
        Path json = Files.createTempFile("replay", ".json");
        try {
            try (BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.ISO_8859_1)) {
                for (int i = 0; i < lines; i++) {
                    String address = RuleFiles.address((int) ((i * 2654435761L) % clients));
                    boolean denied = i % 7 == 0;
                    out.write("[hosts-access-" + (i % 8) + "] " + (denied ? "WARN" : "INFO")
                            + " io.github.tcpwrappers.access - daemon=sshd client=" + address + " address=" + address
                            + " verdict=" + (denied ? "denied rule=/etc/hosts.deny:" + (i % 100 + 1) : "granted")
                            + " facility=daemon " + (denied ? "refused connect from " : "connect from ") + address + "\n");
                }
            }
            System.out.printf("log: %,d lines, %,d bytes, %,d clients%n", lines, Files.size(log), clients);
            if (warm) {
                inThisJvm(cli, runs, replayArguments(log, rules));
                return;
            }
            for (int run = 1; run <= runs; run++) {
                long start = System.nanoTime();
                List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar", cli.toString()));
                command.addAll(replayArguments(log, rules));
                Process p = new ProcessBuilder(command)
                        .redirectOutput(json.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                // Asked while it runs: the JDK cannot tell a reaped process's CPU time.
                Duration cpu = Duration.ZERO;
                while (!p.waitFor(20, TimeUnit.MILLISECONDS)) {
                    cpu = p.info().totalCpuDuration().orElse(cpu);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("run %d: %.2f s wall, >= %.2f s CPU (last sample), %,.0f lines/s, exit %d, %s%n", run,
                        seconds, cpu.toNanos() / 1e9, lines / seconds, p.exitValue(), counts(Files.readString(json)));
            }
        } finally {
            Files.deleteIfExists(log);
            Files.deleteIfExists(json);
        }
    }

    /** The counts of the CLI's JSON report (lines to undecided), or the whole output when it is not one. */
    private static String counts(String json) {
        int from = json.indexOf("\"lines\"");
        int cut = json.indexOf(",\"byRule\"");
        return from >= 0 && cut > from ? json.substring(from, cut) : json;
    }

    private static List<String> replayArguments(Path log, Path rules) {
        return List.of("tcpdmatch", "--replay", log.toString(), "--allow", rules.resolve("hosts.allow").toString(),
                "--deny", rules.resolve("hosts.deny").toString(), "--json", "--examples", "10");
    }

    /** The runs through {@code Main.run} in this JVM, the CLI's classes (and its SLF4J backend) from its own jar. */
    private static void inThisJvm(Path cli, int runs, List<String> arguments) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {cli.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Method run = Class.forName("io.github.tcpwrappers.cli.Main", true, loader)
                    .getMethod("run", PrintWriter.class, PrintWriter.class, String[].class);
            for (int i = 1; i <= runs; i++) {
                StringWriter out = new StringWriter();
                long cpu = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                Object status = run.invoke(null, new PrintWriter(out), new PrintWriter(System.err, true),
                        arguments.toArray(String[]::new));
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("run %d: %.3f s thread CPU, %.3f s wall, exit %s, %s%n", i,
                        (threads.getCurrentThreadCpuTime() - cpu) / 1e9, seconds, status, counts(out.toString()));
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot run the CLI's Main.run from " + cli, e);
        }
    }
}
