/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.crowdsec.CrowdSecBouncer;
import io.github.tcpwrappers.crowdsec.testing.CrowdSecLapi;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What one server's startup pull costs against the real LAPI holding {@code decisions} Ip bans
 * (imported with {@code cscli decisions import}): the bytes of the startup answer and of an
 * empty delta, and the time from building a bound engine to its first whole list in force
 * (fetch, parse, apply). The figures behind FLEET.md's "500 servers" estimates. Usage:
 * {@code java -Xmx1g -cp benchmarks.jar io.github.tcpwrappers.benchmarks.CrowdSecSnapshot [decisions]}.
 */
public final class CrowdSecSnapshot {
    private CrowdSecSnapshot() {
    }

    public static void main(String[] args) throws Exception {
        int decisions = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("crowdsec-snapshot-");
        Path csv = dir.resolve("decisions.csv");
        StringBuilder rows = new StringBuilder("duration,origin,reason,scope,type,value\n");
        for (int i = 0; i < decisions; i++) {
            rows.append("24h,bench,crowdsecurity/ssh-bf,ip,ban,10.").append((i >> 16) & 0xFF).append('.').append((i >> 8) & 0xFF)
                    .append('.').append(i & 0xFF).append('\n');
        }
        Files.writeString(csv, rows);
        Path list = dir.resolve("hosts.crowdsec");
        Files.writeString(list, "");
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), "ALL : " + list + "\n");
        try (CrowdSecLapi lapi = CrowdSecLapi.start()) {
            long i0 = System.nanoTime();
            lapi.cscli("decisions", "import", "-i", csv.toString());
            System.out.printf("cscli decisions import of %,d decisions: %.1f s%n", decisions, (System.nanoTime() - i0) / 1e9);
            String key = lapi.addBouncer("bytes");
            HttpClient http = HttpClient.newHttpClient();
            long s0 = System.nanoTime();
            HttpResponse<byte[]> startup = http.send(HttpRequest.newBuilder(URI.create(lapi.url() + "/v1/decisions/stream?startup=true"))
                    .header("X-Api-Key", key).header("User-Agent", "bench/1").build(), HttpResponse.BodyHandlers.ofByteArray());
            double startupMillis = (System.nanoTime() - s0) / 1e6;
            HttpResponse<byte[]> delta = http.send(HttpRequest.newBuilder(URI.create(lapi.url() + "/v1/decisions/stream"))
                    .header("X-Api-Key", key).header("User-Agent", "bench/1").build(), HttpResponse.BodyHandlers.ofByteArray());
            System.out.printf("startup answer: %,d bytes (%.0f B a decision) in %.0f ms; empty delta: %d bytes of body%n", startup.body().length,
                    (double) startup.body().length / decisions, startupMillis, delta.body().length);
            for (int run = 0; run < 3; run++) {
                CrowdSecBouncer bouncer = CrowdSecBouncer.builder(URI.create(lapi.url())).apiKey(lapi.addBouncer("startup-" + run))
                        .maxResponseBytes(256L << 20).requestTimeout(Duration.ofSeconds(60)).build();
                long built = System.nanoTime();
                try (HostsAccess access = HostsAccess.builder().directory(dir).bindList(list, bouncer).build()) {
                    bouncer.firstSync().toCompletableFuture().get(120, TimeUnit.SECONDS);
                    AccessRequest last = AccessRequest.of("sshd", new InetSocketAddress(
                            "10." + (((decisions - 1) >> 16) & 0xFF) + "." + (((decisions - 1) >> 8) & 0xFF) + "." + ((decisions - 1) & 0xFF),
                            40000), new InetSocketAddress("127.0.0.1", 22));
                    long waited = 0;
                    while (access.checkBlocking(last, Duration.ofSeconds(5)).granted()) {
                        if (++waited > 60_000) {
                            throw new IllegalStateException("the last imported address is not refused");
                        }
                        Thread.sleep(1);
                    }
                    CrowdSecBouncer.Pull pull = bouncer.status().lastPull().orElseThrow();
                    System.out.printf("run %d: bouncer built -> %,d bans in force at the engine: %.0f ms; of it the LAPI's answer"
                            + " %,d bytes in %d ms, parsed and applied in %d ms (%d ms of CPU)%n", run, bouncer.bans().size(),
                            (System.nanoTime() - built) / 1e6, pull.bytes(), pull.fetch().toMillis(), pull.apply().toMillis(),
                            pull.applyCpu().toMillis());
                }
            }
        }
    }
}
