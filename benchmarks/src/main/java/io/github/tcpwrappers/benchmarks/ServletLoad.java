/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests per second through the guards of a {@link GuardedServer} (Jetty by default, or
 * Tomcat; none, noopFilter, floorFilter, apiFilter, filter, inetAccess), keep-alive over loopback, as a
 * deployment would see them: every server runs in a
 * JVM of its own (servers sharing one JVM share its JIT profiles, and a filter chain compiled
 * for one server is then compiled worse for all), and the load comes from {@code wrk}, a
 * separate process on the other core. Each round gives every server the same burst, in an order
 * that rotates and reverses, so a machine that gets busier slows all of them alike; each burst is
 * paired with the unguarded server's burst of the same round. Each JVM compiles the same code its
 * own way and keeps that luck for its whole life, so the run is repeated {@code forks} times with
 * fresh JVMs, one set after another. Prints requests/s per round, each fork's median ratios, and
 * over all rounds the median ratio to {@code none} with its quartiles, and each server's own CPU
 * time per request (from /proc), which the load generator's share of the machine does not
 * disturb. The filter runs here exactly as deployed; the second form below runs it under
 * {@link OwnTime} instead and prints the time the filter itself spent per request inside the
 * running server, a figure that burst-to-burst noise hardly moves (the timing has a cost of its
 * own, so it is kept out of the comparison).
 *
 * <p>Needs Linux, {@code taskset} and {@code wrk} ({@code apt-get install wrk}).
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.github.tcpwrappers.benchmarks.ServletLoad \
 *     [rounds=25] [seconds=2] [connections=4] [rules=1] [forks=1] [guards=none,noopFilter,filter,inetAccess] \
 *     [app=hello|page] [container=jetty|tomcat]
 * java -cp benchmarks/target/benchmarks.jar io.github.tcpwrappers.benchmarks.ServletLoad own [seconds]
 * }</pre>
 * The second form runs only the timed filter's server and prints the filter's own time.
 * {@code -Dservletload.warmup=SECONDS} sets each server's warm-up burst (default 20).
 */
public final class ServletLoad {
    private static final List<String> ALL_GUARDS = List.of("none", "noopFilter", "filter", "inetAccess");
    private static final int WARM_ROUNDS = 3;
    /**
     * Seconds of load each server gets before any round (-Dservletload.warmup=N). Pinned to one
     * core, the JIT's compiler threads share it with the requests: in Tomcat the filter's hot
     * methods reached C2 only about 21 s into the load (-XX:+PrintCompilation).
     */
    private static final int WARM_SECONDS = Integer.getInteger("servletload.warmup", 20);
    private static final Pattern REQUESTS = Pattern.compile("(?m)^\\s*(\\d+) requests in ");
    private static final Pattern RATE = Pattern.compile("(?m)^Requests/sec:\\s*([\\d.]+)");

    private ServletLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 5 && args[0].equals("serve")) {
            serve(args[1], args[2], Integer.parseInt(args[3]), args[4]);
            return;
        }
        if (args.length == 2 && args[0].equals("own")) {
            ownTimeOnly(Integer.parseInt(args[1]));
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 25;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int rules = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        int forks = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        List<String> guards = args.length > 5 ? List.of(args[5].split(",")) : ALL_GUARDS;
        String app = args.length > 6 ? args[6] : "hello";
        String container = args.length > 7 ? args[7] : "jetty";
        if (!guards.contains("none")) {
            throw new IllegalArgumentException("the guards must include none, the baseline: " + guards);
        }
        long ticksPerSecond = Long.parseLong(run("getconf", "CLK_TCK").strip());
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        for (String guard : guards) {
            rates.put(guard, new ArrayList<>());
            ratios.put(guard, new ArrayList<>());
            cpu.put(guard, new ArrayList<>());
        }
        for (int fork = 0; fork < forks; fork++) {
            // One set of JVMs at a time: an idle server still wakes up on the servers' core.
            Map<String, Server> servers = new LinkedHashMap<>();
            Map<String, List<Double>> forkRatios = new LinkedHashMap<>();
            try {
                for (String guard : guards) {
                    servers.put(guard, Server.start(container, guard, rules, app));
                    forkRatios.put(guard, new ArrayList<>());
                }
                // Warm-up: the JIT compiles on the servers' one core beside the requests, and the
                // first rotations after it still run slow, so they are not counted either.
                for (Server server : servers.values()) {
                    server.burst(WARM_SECONDS, connections, ticksPerSecond);
                }
                for (int round = -WARM_ROUNDS; round < rounds; round++) {
                    Map<String, Burst> thisRound = new LinkedHashMap<>();
                    // Rotated, and reversed every other round, so a drifting machine favours no guard.
                    List<String> order = new ArrayList<>(guards);
                    Collections.rotate(order, Math.floorMod(round, guards.size()));
                    if (Math.floorMod(round, 2) == 1) {
                        Collections.reverse(order);
                    }
                    for (String guard : order) {
                        thisRound.put(guard, servers.get(guard).burst(seconds, connections, ticksPerSecond));
                    }
                    if (round < 0) {
                        continue;
                    }
                    StringBuilder line = new StringBuilder("fork " + (fork + 1) + " round " + (round + 1) + ":");
                    Burst none = thisRound.get("none");
                    for (String guard : guards) {
                        Burst b = thisRound.get(guard);
                        rates.get(guard).add(b.rate());
                        ratios.get(guard).add(b.rate() / none.rate());
                        forkRatios.get(guard).add(b.rate() / none.rate());
                        cpu.get(guard).add(b.serverCpuMicrosPerRequest());
                        line.append(String.format("  %s %.0f/s %.1fus", guard, b.rate(), b.serverCpuMicrosPerRequest()));
                    }
                    System.out.println(line);
                }
            } finally {
                servers.values().forEach(Server::close);
            }
            StringBuilder summary = new StringBuilder("fork " + (fork + 1) + " median ratios to none:");
            for (String guard : guards) {
                summary.append(String.format("  %s %.3f", guard, median(forkRatios.get(guard))));
            }
            System.out.println(summary);
        }
        System.out.printf("%s app=%s rules=%d connections=%d %d fork(s) x %d rounds x %ds, load average now %s%n",
                container, app, rules, connections, forks, rounds, seconds, Files.readString(Path.of("/proc/loadavg")).strip());
        for (String guard : guards) {
            List<Double> r = ratios.get(guard);
            System.out.printf("%-10s median %8.0f req/s   median ratio to none %.3f (quartiles %.3f-%.3f, n=%d)"
                    + "   server CPU %.1f us/req (CPU ratio to none %.3f)%n", guard, median(rates.get(guard)),
                    median(r), quantile(r, 0.25), quantile(r, 0.75), r.size(), median(cpu.get(guard)),
                    median(cpu.get("none")) / median(cpu.get(guard)));
        }
    }

    /** The filter's own time alone: one timed filter server, warmed up, then one burst of {@code seconds}. */
    private static void ownTimeOnly(int seconds) throws Exception {
        long ticksPerSecond = Long.parseLong(run("getconf", "CLK_TCK").strip());
        try (Server server = Server.start("jetty", "timedFilter", 1, "hello")) {
            // The same warm-up as the comparison: one long burst, then discarded short ones.
            server.burst(WARM_SECONDS, 4, ticksPerSecond);
            for (int i = 0; i < WARM_ROUNDS; i++) {
                server.burst(seconds, 4, ticksPerSecond);
            }
            server.tell("reset");
            Burst b = server.burst(seconds, 4, ticksPerSecond);
            String[] own = server.tell("own").split(" ");
            System.out.printf("filter alone: %.0f req/s, server CPU %.1f us/req; own time mean %s us, median %s us (%s requests)%n",
                    b.rate(), b.serverCpuMicrosPerRequest(), own[1], own[3], own[2]);
        }
    }

    /** A child JVM's body: one guarded server until its standard input closes. */
    private static void serve(String container, String guard, int rules, String app) throws Exception {
        try (GuardedServer server = GuardedServer.start(container, guard, rules, app)) {
            System.out.println("port " + server.port());
            System.out.flush();
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String command = commands.readLine(); command != null; command = commands.readLine()) {
                if (command.equals("reset")) {
                    server.ownTime().reset();
                } else if (command.equals("own")) {
                    System.out.printf("own %.3f %d %.3f%n", server.ownTime().microsPerRequest(),
                            server.ownTime().requests.sum(), server.ownTime().medianMicros());
                    System.out.flush();
                }
            }
        }
        System.exit(0);
    }

    /** One burst: wrk's requests per second, and the server JVM's CPU microseconds per request. */
    record Burst(double rate, double serverCpuMicrosPerRequest) {
    }

    /** A guarded server in its own JVM. */
    private record Server(String guard, Process process, BufferedReader out, int port) implements AutoCloseable {
        static Server start(String container, String guard, int rules, String app) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // Servers on CPU 0, wrk on CPU 1: a server then never competes with the load for a core,
            // and a fixed heap keeps the collector's sizing from differing between JVMs.
            Process p = new ProcessBuilder("taskset", "-c", "0", java, "-Xms512m", "-Xmx512m",
                    "-cp", System.getProperty("java.class.path"),
                    ServletLoad.class.getName(), "serve", container, guard, Integer.toString(rules), app)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("port ")) {
                    return new Server(guard, p, out, Integer.parseInt(line.substring(5)));
                }
            }
            throw new IOException("server '" + guard + "' exited without a port");
        }

        Burst burst(int seconds, int connections, long ticksPerSecond) throws IOException {
            long before = cpuTicks();
            String out = run("taskset", "-c", "1", "wrk", "-t1", "-c" + connections, "-d" + seconds + "s",
                    "http://127.0.0.1:" + port + "/hello");
            long used = cpuTicks() - before;
            Matcher requests = REQUESTS.matcher(out);
            Matcher rate = RATE.matcher(out);
            if (!requests.find() || !rate.find() || out.contains("Non-2xx") || out.contains("Socket errors")) {
                throw new IOException("wrk against '" + guard + "' did not get only 200 answers:\n" + out);
            }
            long n = Long.parseLong(requests.group(1));
            return new Burst(Double.parseDouble(rate.group(1)), used * 1e6 / ticksPerSecond / Math.max(1, n));
        }

        /** Sends one command line to the server; returns its answer line for {@code own}. */
        String tell(String command) throws IOException {
            process.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
            return command.equals("own") ? out.readLine() : "";
        }

        /** utime + stime of the server JVM, in clock ticks (proc(5)). */
        private long cpuTicks() throws IOException {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }

        @Override
        public void close() {
            // End of input stops the server, which then deletes its rule directory; a kill would not.
            try {
                process.getOutputStream().close();
                if (process.waitFor(20, TimeUnit.SECONDS)) {
                    return;
                }
            } catch (IOException e) {
                // already gone
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroy();
        }
    }

    private static String run(String... command) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(command[0] + " is needed (apt-get install " + command[0] + "): " + e.getMessage(), e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed:\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }

    static double median(List<Double> values) {
        return quantile(values, 0.5);
    }

    /** The {@code q} quantile, interpolating between neighbours. */
    static double quantile(List<Double> values, double q) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        double at = q * (v.length - 1);
        int below = (int) Math.floor(at);
        int above = Math.min(v.length - 1, below + 1);
        return v[below] + (at - below) * (v[above] - v[below]);
    }
}
