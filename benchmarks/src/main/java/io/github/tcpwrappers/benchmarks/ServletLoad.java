package io.github.tcpwrappers.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests per second through each guard of {@link GuardedJetty} (none, noopFilter, filter,
 * inetAccess), keep-alive over loopback, as a deployment would see them: every server runs in a
 * JVM of its own (servers sharing one JVM share its JIT profiles, and a filter chain compiled
 * for one server is then compiled worse for all), and the load comes from {@code wrk}, a
 * separate process. Each round gives every server the same burst in a rotating order, so a
 * machine that gets busier slows all of them alike. Each JVM compiles the same code its own way
 * and keeps that luck for the whole run, so {@code forks} starts that many JVMs per guard and
 * pairs each with the unguarded JVM of the same number. Prints requests/s per round, the medians,
 * the median of the per-round ratios to {@code none}, and each server's own CPU time per request
 * (from /proc), which the load generator's share of the machine does not disturb; and, since
 * rates swing from burst to burst on a small shared machine, the time the filter itself spent
 * per request inside the running server ({@link OwnTime}), a figure that noise hardly moves.
 *
 * <p>Needs Linux and {@code wrk} ({@code apt-get install wrk}).
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.github.tcpwrappers.benchmarks.ServletLoad \
 *     [rounds=25] [seconds=2] [connections=4] [rules=1] [forks=1]
 * java -cp benchmarks/target/benchmarks.jar io.github.tcpwrappers.benchmarks.ServletLoad own [seconds]
 * }</pre>
 * The second form runs only the filter's server and prints the filter's own time.
 */
public final class ServletLoad {
    private static final List<String> GUARDS = List.of("none", "noopFilter", "filter", "inetAccess");
    private static final Pattern REQUESTS = Pattern.compile("(?m)^\\s*(\\d+) requests in ");
    private static final Pattern RATE = Pattern.compile("(?m)^Requests/sec:\\s*([\\d.]+)");

    private ServletLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("serve")) {
            serve(args[1], Integer.parseInt(args[2]));
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
        long ticksPerSecond = Long.parseLong(run("getconf", "CLK_TCK").strip());
        // Server "guard#fork": each JVM compiles its own way, so one JVM per guard is one sample.
        List<String> instances = new ArrayList<>();
        for (int fork = 0; fork < forks; fork++) {
            for (String guard : GUARDS) {
                instances.add(guard + "#" + fork);
            }
        }
        Map<String, Server> servers = new LinkedHashMap<>();
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        List<String> own = new ArrayList<>();
        try {
            for (String guard : GUARDS) {
                rates.put(guard, new ArrayList<>());
                ratios.put(guard, new ArrayList<>());
                cpu.put(guard, new ArrayList<>());
            }
            for (String instance : instances) {
                servers.put(instance, Server.start(guardOf(instance), rules));
            }
            for (Server server : servers.values()) {
                server.burst(10, connections, ticksPerSecond); // warm-up: let the JIT settle
                server.tell("reset");
            }
            for (int round = 0; round < rounds; round++) {
                Map<String, Burst> thisRound = new LinkedHashMap<>();
                for (int k = 0; k < instances.size(); k++) {
                    String instance = instances.get((round + k) % instances.size());
                    thisRound.put(instance, servers.get(instance).burst(seconds, connections, ticksPerSecond));
                }
                StringBuilder line = new StringBuilder("round " + (round + 1) + ":");
                for (String instance : instances) {
                    Burst b = thisRound.get(instance);
                    String guard = guardOf(instance);
                    // Paired with the unguarded server of the same fork number, measured in the same round.
                    Burst none = thisRound.get("none#" + instance.substring(instance.indexOf('#') + 1));
                    rates.get(guard).add(b.rate());
                    ratios.get(guard).add(b.rate() / none.rate());
                    cpu.get(guard).add(b.serverCpuMicrosPerRequest());
                    line.append(String.format("  %s %.0f/s %.1fus", instance, b.rate(), b.serverCpuMicrosPerRequest()));
                }
                System.out.println(line);
            }
            for (int fork = 0; fork < forks; fork++) {
                own.add(servers.get("filter#" + fork).tell("own"));
            }
        } finally {
            servers.values().forEach(Server::close);
        }
        System.out.printf("rules=%d connections=%d rounds=%d x %ds, %d JVM(s) per guard, load average now %s%n", rules,
                connections, rounds, seconds, forks, Files.readString(Path.of("/proc/loadavg")).strip());
        for (String guard : GUARDS) {
            System.out.printf("%-10s median %8.0f req/s   median ratio to none %.3f   server CPU %.1f us/req"
                    + "   (CPU ratio to none %.3f)%n", guard, median(rates.get(guard)), median(ratios.get(guard)),
                    median(cpu.get(guard)), median(cpu.get("none")) / median(cpu.get(guard)));
        }
        for (int fork = 0; fork < forks; fork++) {
            String[] o = own.get(fork).split(" ");
            System.out.printf("HostsAccessFilter's own time in the running server #%d: mean %s us, median %s us per request"
                    + " (%s requests); the mean is %.1f%% of the unguarded server's CPU per request%n", fork, o[1], o[3],
                    o[2], 100 * Double.parseDouble(o[1]) / median(cpu.get("none")));
        }
    }

    private static String guardOf(String instance) {
        return instance.substring(0, instance.indexOf('#'));
    }

    /** The filter's own time alone: one filter server, warmed up, then one burst of {@code seconds}. */
    private static void ownTimeOnly(int seconds) throws Exception {
        long ticksPerSecond = Long.parseLong(run("getconf", "CLK_TCK").strip());
        try (Server server = Server.start("filter", 1)) {
            server.burst(10, 4, ticksPerSecond);
            server.tell("reset");
            Burst b = server.burst(seconds, 4, ticksPerSecond);
            String[] own = server.tell("own").split(" ");
            System.out.printf("filter alone: %.0f req/s, server CPU %.1f us/req; own time mean %s us, median %s us (%s requests)%n",
                    b.rate(), b.serverCpuMicrosPerRequest(), own[1], own[3], own[2]);
        }
    }

    /** A child JVM's body: one guarded server until its standard input closes. */
    private static void serve(String guard, int rules) throws Exception {
        try (GuardedJetty jetty = new GuardedJetty(guard, rules)) {
            System.out.println("port " + jetty.port);
            System.out.flush();
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String command = commands.readLine(); command != null; command = commands.readLine()) {
                if (command.equals("reset")) {
                    jetty.ownTime().reset();
                } else if (command.equals("own")) {
                    System.out.printf("own %.3f %d %.3f%n", jetty.ownTime().microsPerRequest(),
                            jetty.ownTime().requests.sum(), jetty.ownTime().medianMicros());
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
        static Server start(String guard, int rules) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    ServletLoad.class.getName(), "serve", guard, Integer.toString(rules))
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
            String out = run("wrk", "-t1", "-c" + connections, "-d" + seconds + "s",
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
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
