/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code tcpdmatch --replay} as a user runs it: the CLI jar in a JVM of its own, on a generated
 * log of {@code lines} decision lines in slf4j-simple's key-value form (as the engine writes
 * them) for {@code clients} distinct addresses, against a hosts.deny of 1,000 single-address
 * lines. Prints each run's wall time (JVM start included) and the CPU time the JVM used.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.github.tcpwrappers.benchmarks.ReplayThroughput \
 *     wrappers-cli/target/wrappers-cli.jar 1000000 50000 3
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
            for (int run = 1; run <= runs; run++) {
                long start = System.nanoTime();
                Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar", cli.toString(), "tcpdmatch", "--replay", log.toString(),
                        "--allow", rules.resolve("hosts.allow").toString(), "--deny", rules.resolve("hosts.deny").toString(),
                        "--json", "--examples", "10")
                        .redirectOutput(json.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                // Asked while it runs: the JDK cannot tell a reaped process's CPU time.
                Duration cpu = Duration.ZERO;
                while (!p.waitFor(20, TimeUnit.MILLISECONDS)) {
                    cpu = p.info().totalCpuDuration().orElse(cpu);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                String summary = Files.readString(json);
                int from = summary.indexOf("\"lines\"");
                int cut = summary.indexOf(",\"byRule\"");
                System.out.printf("run %d: %.2f s wall, >= %.2f s CPU (last sample), %,.0f lines/s, exit %d, %s%n", run,
                        seconds, cpu.toNanos() / 1e9, lines / seconds, p.exitValue(),
                        from >= 0 && cut > from ? summary.substring(from, cut) : summary);
            }
        } finally {
            Files.deleteIfExists(log);
            Files.deleteIfExists(json);
        }
    }
}
