package io.github.tcpwrappers.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * A loopback load run that interleaves the guards, so that a busy, noisy machine slows all of
 * them alike: four Jetty servers (none, noopFilter, filter, inetAccess) run at once, and each round gives
 * every one the same short burst of keep-alive requests in a rotating order. Prints requests/s
 * per round, the medians, and the median of the per-round ratios to {@code none}; and the
 * process CPU time per request (clients and server together), which a crowded machine disturbs
 * far less than the rate.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.github.tcpwrappers.benchmarks.ServletLoad \
 *     [rounds=15] [seconds=2] [connections=2] [rules=1]
 * }</pre>
 */
public final class ServletLoad {
    private ServletLoad() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 2;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int rules = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        List<String> guards = List.of("none", "noopFilter", "filter", "inetAccess");
        Map<String, GuardedJetty> servers = new LinkedHashMap<>();
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        try {
            for (String g : guards) {
                servers.put(g, new GuardedJetty(g, rules));
                rates.put(g, new ArrayList<>());
                ratios.put(g, new ArrayList<>());
                cpu.put(g, new ArrayList<>());
            }
            for (String g : guards) {
                burst(servers.get(g).port, 1.0, connections); // warm-up
                burst(servers.get(g).port, 1.0, connections);
            }
            for (int round = 0; round < rounds; round++) {
                Map<String, Double> thisRound = new LinkedHashMap<>();
                for (int k = 0; k < guards.size(); k++) {
                    String g = guards.get((round + k) % guards.size());
                    Burst b = burst(servers.get(g).port, seconds, connections);
                    thisRound.put(g, b.rate());
                    cpu.get(g).add(b.cpuMicrosPerRequest());
                }
                StringBuilder line = new StringBuilder("round " + (round + 1) + ":");
                for (String g : guards) {
                    double r = thisRound.get(g);
                    rates.get(g).add(r);
                    ratios.get(g).add(r / thisRound.get("none"));
                    line.append(String.format("  %s %.0f/s", g, r));
                }
                System.out.println(line);
            }
        } finally {
            for (GuardedJetty s : servers.values()) {
                s.close();
            }
        }
        System.out.printf("rules=%d connections=%d rounds=%d x %.1fs%n", rules, connections, rounds, seconds);
        for (String g : guards) {
            System.out.printf("%-10s median %8.0f req/s   median ratio to none %.3f   median CPU %.1f us/req"
                    + "   (CPU-bound rate ratio to none %.3f)%n", g, median(rates.get(g)), median(ratios.get(g)),
                    median(cpu.get(g)), median(cpu.get("none")) / median(cpu.get(g)));
        }
    }

    /** One burst: requests per second, and process CPU microseconds per request. */
    record Burst(double rate, double cpuMicrosPerRequest) {
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Requests per second over {@code seconds} with {@code connections} keep-alive clients. */
    static Burst burst(int port, double seconds, int connections) throws Exception {
        LongAdder done = new LongAdder();
        AtomicBoolean go = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Thread t = new Thread(() -> {
                try (KeepAliveClient client = new KeepAliveClient(port)) {
                    while (go.get()) {
                        client.exchange();
                        done.increment();
                    }
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            threads.add(t);
        }
        long start = System.nanoTime();
        long cpuStart = cpuNanos();
        threads.forEach(Thread::start);
        Thread.sleep((long) (seconds * 1000));
        go.set(false);
        long elapsed = System.nanoTime() - start;
        for (Thread t : threads) {
            t.join(15_000);
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("client failed", failures.get(0));
        }
        long cpuUsed = cpuNanos() - cpuStart;
        return new Burst(done.sum() / (elapsed / 1e9), cpuUsed / 1e3 / Math.max(1, done.sum()));
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
