package io.github.tcpwrappers.benchmarks;

import io.github.tcpwrappers.cli.Main;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code tcpdmatch --replay} on a generated log: {@code lines} decision lines in slf4j-simple's
 * key-value form (as the engine writes them), for {@code clients} distinct addresses, replayed
 * against a hosts.deny of 1,000 single-address lines. Prints the wall time and the thread CPU
 * time of each run, the whole command included (JVM warm after the first run).
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.github.tcpwrappers.benchmarks.ReplayThroughput 1000000 50000 3
 * }</pre>
 */
public final class ReplayThroughput {
    private ReplayThroughput() {
    }

    public static void main(String[] args) throws IOException {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path rules = RuleFiles.denyList(1000);
        Path log = Files.createTempFile("replay", ".log");
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
        try {
            for (int run = 1; run <= runs; run++) {
                StringWriter json = new StringWriter();
                long start = System.nanoTime();
                long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                int status = Main.run(new PrintWriter(json), new PrintWriter(System.err, true), "tcpdmatch", "--replay",
                        log.toString(), "--allow", rules.resolve("hosts.allow").toString(), "--deny",
                        rules.resolve("hosts.deny").toString(), "--json", "--examples", "10");
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuSeconds = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime()
                        - cpu) / 1e9;
                String summary = json.toString();
                int cut = summary.indexOf(",\"byRule\"");
                System.out.printf("run %d: %.2f s wall, %.2f s thread CPU (%,.0f lines/s), exit %d, %s%n", run, seconds,
                        cpuSeconds, lines / seconds, status,
                        cut > 0 ? summary.substring(summary.indexOf("\"lines\""), cut) : summary);
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
