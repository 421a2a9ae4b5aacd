/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import com.sun.management.ThreadMXBean;
import com.sun.net.httpserver.HttpServer;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.crowdsec.CrowdSecBouncer;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The bouncer's side of a CrowdSec startup pull of {@code decisions} Ip bans, without the LAPI's
 * own time: a startup answer in the form CrowdSec 1.4.6 sends it ({@code {"deleted":null,"new":[
 * {"duration":"23h59m58.5s","id":..,"origin":"cscli","scenario":..,"scope":"Ip","type":"ban",
 * "value":..}, ...]}}, about 150 bytes a decision, as measured on the real LAPI by
 * {@link CrowdSecSnapshot}) is served from loopback, and a bound engine's bouncer fetches it,
 * parses it and puts it in force. Importing a million decisions into a real LAPI takes tens of
 * minutes, so this isolates the part that is our code. Usage:
 * {@code java -Xmx3g -cp benchmarks.jar io.github.tcpwrappers.benchmarks.CrowdSecParse [decisions]}.
 */
public final class CrowdSecParse {
    private CrowdSecParse() {
    }

    public static void main(String[] args) throws Exception {
        int decisions = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        StringBuilder json = new StringBuilder(decisions * 160).append("{\"deleted\":null,\"new\":[");
        for (int i = 0; i < decisions; i++) {
            json.append(i == 0 ? "" : ",").append("{\"duration\":\"23h").append(i % 60).append("m").append(i % 59)
                    .append(".").append(100_000 + i % 900_000).append("s\",\"id\":").append(i + 1)
                    .append(",\"origin\":\"cscli\",\"scenario\":\"manual 'ban' from 'bench'\",\"scope\":\"Ip\",\"type\":\"ban\",")
                    .append("\"value\":\"10.").append((i >> 16) & 0xFF).append('.').append((i >> 8) & 0xFF).append('.')
                    .append(i & 0xFF).append("\"}");
        }
        byte[] startup = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        byte[] empty = "{\"deleted\":null,\"new\":null}".getBytes(StandardCharsets.UTF_8);
        HttpServer lapi = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        lapi.createContext("/v1/decisions/stream", exchange -> {
            byte[] body = String.valueOf(exchange.getRequestURI().getQuery()).contains("startup=true") ? startup : empty;
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        lapi.start();
        Path dir = Files.createTempDirectory("crowdsec-parse-");
        Path list = dir.resolve("hosts.crowdsec");
        Files.writeString(list, "");
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), "ALL : " + list + "\n");
        System.out.printf("startup answer: %,d decisions, %,d bytes (%.0f B a decision); load average %.1f%n", decisions,
                startup.length, (double) startup.length / decisions,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        try {
            for (int run = 0; run < 3; run++) {
                System.gc();
                Map<Long, Long> allocatedBefore = allocatedByThread();
                long built = System.nanoTime();
                CrowdSecBouncer bouncer = CrowdSecBouncer.builder(URI.create("http://127.0.0.1:" + lapi.getAddress().getPort()))
                        .apiKey("bench").maxResponseBytes(512L << 20).requestTimeout(Duration.ofSeconds(120)).build();
                try (HostsAccess access = HostsAccess.builder().directory(dir).bindList(list, bouncer).build()) {
                    bouncer.firstSync().toCompletableFuture().get(300, TimeUnit.SECONDS);
                    // the bouncer hands the engine its list on the poll thread once the pull is done
                    while (access.lists().get(0).entries() < decisions) {
                        Thread.sleep(1);
                    }
                    long inForce = System.nanoTime() - built;
                    // every thread's allocation, the JDK's HTTP threads (the body) and the engine's too
                    long allocated = 0;
                    for (Map.Entry<Long, Long> now : allocatedByThread().entrySet()) {
                        allocated += now.getValue() - allocatedBefore.getOrDefault(now.getKey(), 0L);
                    }
                    System.gc();
                    long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    CrowdSecBouncer.Pull pull = bouncer.status().lastPull().orElseThrow();
                    System.out.printf("run %d: fetched %,d bytes in %d ms; parsed in %d ms (%d ms of CPU); bouncer built ->"
                            + " %,d entries in force at the engine: %d ms; allocated %,d MB; heap after GC %,d MB;"
                            + " load average %.1f%n", run, pull.bytes(),
                            pull.fetch().toMillis(), pull.apply().toMillis(), pull.applyCpu().toMillis(),
                            access.lists().get(0).entries(), inForce / 1_000_000, allocated >> 20, retained >> 20,
                            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                }
            }
        } finally {
            lapi.stop(0);
        }
    }

    /** Bytes allocated so far by each thread alive now, by thread id. */
    private static Map<Long, Long> allocatedByThread() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        Map<Long, Long> out = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                out.put(ids[i], bytes[i]);
            }
        }
        return out;
    }
}
