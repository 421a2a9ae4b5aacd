/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.HostsAccess;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * End to end through the public API: a running engine on a {@code rules}-line hosts.deny, and a
 * writer appending one {@code sshd: a.b.c.d} line (O_APPEND, as fail2ban and DenyHosts do).
 * Measures the wall time from the write until a request from that address is denied, and the
 * CPU the reload thread spent meanwhile (its polls included). The first {@code WARMUP} appends
 * are not counted (the append path's code is cold then), and the writer checks every 0.2 ms
 * rather than spinning, so that it does not starve the reload thread of a core. Usage:
 * {@code java -Xmx1g -cp benchmarks.jar io.github.tcpwrappers.benchmarks.AppendLatency [rules]
 * [appends] [intervalMillis]}.
 */
public final class AppendLatency {
    private static final int WARMUP = 5;

    private AppendLatency() {
    }

    public static void main(String[] args) throws Exception {
        int rules = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int appends = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        long intervalMillis = args.length > 2 ? Long.parseLong(args[2]) : 10;
        Path dir = RuleFiles.denyList(rules);
        Path deny = dir.resolve("hosts.deny");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", 22);
        try (HostsAccess access = HostsAccess.builder().allowFile(dir.resolve("hosts.allow")).denyFile(deny)
                .reloadInterval(Duration.ofMillis(intervalMillis)).build()) {
            long reloadThread = reloadThreadId();
            double[] wall = new double[appends];
            double[] cpu = new double[appends];
            for (int i = -WARMUP; i < appends; i++) {
                int n = i + WARMUP;
                String address = "198.18." + (n >> 8) + "." + (n & 0xFF);
                AccessRequest request = AccessRequest.of("sshd", new InetSocketAddress(address, 40000), server);
                if (!access.checkBlocking(request, Duration.ofSeconds(5)).granted()) {
                    throw new IllegalStateException(address + " denied before its line was written");
                }
                Thread.sleep(3 * intervalMillis + 50); // let the previous reload finish
                long c0 = threads.getThreadCpuTime(reloadThread);
                long w0 = System.nanoTime();
                Files.write(deny, ("sshd: " + address + "\n").getBytes(StandardCharsets.US_ASCII),
                        StandardOpenOption.APPEND);
                while (access.checkBlocking(request, Duration.ofSeconds(5)).granted()) {
                    if (System.nanoTime() - w0 > 30_000_000_000L) {
                        throw new IllegalStateException("appended line not in force after 30 s");
                    }
                    LockSupport.parkNanos(200_000);
                }
                double inForce = (System.nanoTime() - w0) / 1e6;
                Thread.sleep(3 * intervalMillis + 50);
                if (i >= 0) {
                    wall[i] = inForce;
                    cpu[i] = (threads.getThreadCpuTime(reloadThread) - c0) / 1e6;
                }
            }
            Arrays.sort(wall);
            Arrays.sort(cpu);
            System.out.printf("%d rules, %d appends, reload interval %d ms: in force after median %.1f ms"
                    + " (min %.1f, max %.1f); reload thread CPU per append median %.2f ms (min %.2f, max %.2f)%n",
                    rules, appends, intervalMillis, wall[appends / 2], wall[0], wall[appends - 1], cpu[appends / 2],
                    cpu[0], cpu[appends - 1]);
        }
    }

    private static long reloadThreadId() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("hosts-access-reload")) {
                return t.getId();
            }
        }
        throw new IllegalStateException("no reload thread");
    }
}
