/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks.spring;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Requests per second and server CPU per request through Spring Boot 4.0 applications with and
 * without the starter: WebFlux on Reactor Netty (the connection-level Netty handler) and Spring
 * MVC on Tomcat (the servlet filter). Each application runs in a JVM of its own pinned to core 0;
 * {@code wrk} runs pinned to core 1. Every round gives each server the same burst, in an order
 * that rotates, and the guarded server's rate is divided by the unguarded one's of the same
 * round; the median of those paired ratios is the figure. CPU per request is the server's own
 * user+system time (from /proc) over the requests wrk counted.
 *
 * <p>{@code close} sends {@code Connection: close}, so every request is a new connection and
 * pays the connection-level decision; {@code keepalive} reuses connections, as browsers and
 * proxies do, where the handler has already left the pipeline.
 *
 * <pre>{@code
 * mvn -B -o -q -pl benchmarks/spring-boot -am package -DskipTests
 * CP="benchmarks/spring-boot/target/classes:$(cat benchmarks/spring-boot/target/classpath.txt)"
 * java -cp "$CP" io.github.tcpwrappers.benchmarks.spring.SpringBootLoad \
 *     [rounds=10] [seconds=3] [connections=4] [keepalive|close] [webflux,webflux-guarded,servlet,servlet-guarded]
 * }</pre>
 * Needs Linux, {@code taskset} and {@code wrk}. {@code -Dspringload.warmup=SECONDS} sets each
 * server's warm-up burst (default 15).
 */
public final class SpringBootLoad {
    private static final int WARM_SECONDS = Integer.getInteger("springload.warmup", 15);
    private static final Pattern REQUESTS = Pattern.compile("(?m)^\\s*(\\d+) requests in ");
    private static final Pattern RATE = Pattern.compile("(?m)^Requests/sec:\\s*([\\d.]+)");
    private static final Pattern ERRORS = Pattern.compile("(?m)^\\s*Non-2xx or 3xx responses: (\\d+)");
    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private SpringBootLoad() {
    }

    /** The benchmarked application: one 5-byte answer, the same code under MVC and WebFlux. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    public static class Hello {
        /** Answers GET /hello. */
        @RestController
        public static class Controller {
            @GetMapping("/hello")
            public String hello() {
                return "hello";
            }
        }
    }

    /** Reactor Netty for the WebFlux kinds, even with Tomcat on the class path. */
    @SpringBootConfiguration
    public static class OnNetty {
        @Bean
        public NettyReactiveWebServerFactory netty() {
            return new NettyReactiveWebServerFactory();
        }
    }

    /** Tomcat for the servlet kinds. */
    @SpringBootConfiguration
    public static class OnTomcat {
        @Bean
        public TomcatServletWebServerFactory tomcat() {
            return new TomcatServletWebServerFactory();
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("serve")) {
            serve(args[1], Integer.parseInt(args[2]), Path.of(args[3]));
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        boolean close = args.length > 3 && args[3].equals("close");
        List<String> kinds = args.length > 4 ? List.of(args[4].split(","))
                : List.of("webflux", "webflux-guarded", "servlet", "servlet-guarded");
        Path rules = Path.of(System.getProperty("springload.rules", "benchmarks/spring-boot/rules"));
        if (!Files.isRegularFile(rules.resolve("hosts.allow"))) {
            throw new IllegalStateException("run from the repository root, or set -Dspringload.rules=DIR");
        }
        System.out.printf("SpringBootLoad: %d rounds x %d s, %d connections, %s, kinds %s; load %s%n", rounds, seconds,
                connections, close ? "Connection: close" : "keep-alive", kinds,
                Files.readString(Path.of("/proc/loadavg")).strip());
        Map<String, Server> servers = new LinkedHashMap<>();
        try {
            for (String kind : kinds) {
                servers.put(kind, Server.start(kind, rules));
            }
            for (Server s : servers.values()) {
                s.burst(WARM_SECONDS, connections, close);
            }
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            Map<String, List<Double>> cpu = new LinkedHashMap<>();
            kinds.forEach(k -> {
                rates.put(k, new ArrayList<>());
                cpu.put(k, new ArrayList<>());
            });
            for (int round = 0; round < rounds; round++) {
                List<String> order = new ArrayList<>(kinds);
                Collections.rotate(order, round);
                StringBuilder line = new StringBuilder("round " + (round + 1) + ":");
                for (String kind : order) {
                    Burst b = servers.get(kind).burst(seconds, connections, close);
                    rates.get(kind).add(b.rate());
                    cpu.get(kind).add(b.cpuMicrosPerRequest());
                    line.append(String.format(" %s %.0f/s %.1f us", kind, b.rate(), b.cpuMicrosPerRequest()));
                }
                System.out.println(line);
            }
            for (String kind : kinds) {
                System.out.printf("%-16s median %.0f req/s, server CPU %.1f us/request (median)%n", kind,
                        median(rates.get(kind)), median(cpu.get(kind)));
            }
            for (String base : List.of("webflux", "servlet")) {
                String guarded = base + "-guarded";
                if (rates.containsKey(base) && rates.containsKey(guarded)) {
                    List<Double> ratios = new ArrayList<>();
                    List<Double> cpuDelta = new ArrayList<>();
                    for (int i = 0; i < rounds; i++) {
                        ratios.add(rates.get(guarded).get(i) / rates.get(base).get(i));
                        cpuDelta.add(cpu.get(guarded).get(i) - cpu.get(base).get(i));
                    }
                    Collections.sort(ratios);
                    System.out.printf("%s / %s: median paired ratio %.3f (quartiles %.3f-%.3f); extra server CPU %.1f us/request (median of paired rounds)%n",
                            guarded, base, median(ratios), ratios.get(rounds / 4), ratios.get((3 * rounds) / 4),
                            median(cpuDelta));
                }
            }
        } finally {
            servers.values().forEach(Server::close);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** In the server JVM: starts the application of {@code kind} and says READY. */
    private static void serve(String kind, int port, Path rules) {
        boolean reactive = kind.startsWith("webflux");
        boolean guarded = kind.endsWith("-guarded");
        new SpringApplicationBuilder(Hello.class, reactive ? OnNetty.class : OnTomcat.class)
                .web(reactive ? WebApplicationType.REACTIVE : WebApplicationType.SERVLET)
                .properties("server.address=127.0.0.1", "server.port=" + port, "spring.main.banner-mode=off",
                        "logging.level.root=WARN", "tcpwrappers.enabled=" + guarded, "tcpwrappers.daemon=bench",
                        "tcpwrappers.directory=" + rules.toAbsolutePath())
                .run();
        System.out.println("READY");
        System.out.flush();
    }

    /**
     * One measured burst.
     *
     * @param rate requests/s as wrk counted them
     * @param cpuMicrosPerRequest the server's CPU time over the requests
     */
    private record Burst(double rate, double cpuMicrosPerRequest) {
    }

    /** A server JVM of one kind on core 0. */
    private static final class Server implements AutoCloseable {
        private final String kind;
        private final int port;
        private final Process process;

        private Server(String kind, int port, Process process) {
            this.kind = kind;
            this.port = port;
            this.process = process;
        }

        static Server start(String kind, Path rules) throws IOException, InterruptedException {
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder("taskset", "-c", "0", java, "-Xms256m", "-Xmx256m", "-cp",
                    System.getProperty("java.class.path"), SpringBootLoad.class.getName(), "serve", kind,
                    Integer.toString(port), rules.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            for (String line; (line = out.readLine()) != null; ) {
                if (line.equals("READY")) {
                    // Keep draining its stdout so a chatty server never blocks on a full pipe.
                    Thread drain = new Thread(() -> {
                        try {
                            while (out.readLine() != null) {
                                // discard
                            }
                        } catch (IOException e) {
                            // the server ended
                        }
                    }, "drain-" + kind);
                    drain.setDaemon(true);
                    drain.start();
                    return new Server(kind, port, p);
                }
            }
            p.waitFor(5, TimeUnit.SECONDS);
            throw new IllegalStateException(kind + " server did not start (exit " + p.exitValue() + ")");
        }

        Burst burst(int seconds, int connections, boolean close) throws IOException, InterruptedException {
            long before = cpuTicks();
            List<String> command = new ArrayList<>(List.of("taskset", "-c", "1", "wrk", "-t1", "-c" + connections,
                    "-d" + seconds + "s"));
            if (close) {
                command.addAll(List.of("-H", "Connection: close"));
            }
            command.add("http://127.0.0.1:" + port + "/hello");
            String out = run(command);
            long ticks = cpuTicks() - before;
            Matcher errors = ERRORS.matcher(out);
            if (errors.find()) {
                throw new IllegalStateException(kind + ": " + errors.group(1) + " refused requests; check the rules\n" + out);
            }
            Matcher requests = REQUESTS.matcher(out);
            Matcher rate = RATE.matcher(out);
            if (!requests.find() || !rate.find()) {
                throw new IllegalStateException("unexpected wrk output:\n" + out);
            }
            long n = Long.parseLong(requests.group(1));
            return new Burst(Double.parseDouble(rate.group(1)), ticks * 1e6 / TICKS_PER_SECOND / n);
        }

        /** utime + stime of the server JVM (fields 14 and 15 of /proc/PID/stat). */
        private long cpuTicks() throws IOException {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }

        private static String run(List<String> command) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
