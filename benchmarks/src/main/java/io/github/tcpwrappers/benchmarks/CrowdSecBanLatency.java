/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.crowdsec.CrowdSecBouncer;
import io.github.tcpwrappers.crowdsec.CrowdSecWatcher;
import io.github.tcpwrappers.crowdsec.testing.CrowdSecLapi;
import io.github.tcpwrappers.netty.HostsAccessHandler;
import io.github.tcpwrappers.value.Network;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Time from a CrowdSec ban to its first refused connection at every door, against the real LAPI
 * (Debian's 1.4.6, started on loopback in a temp dir). {@code servers} engines in this JVM, each
 * with its own bouncer (its own API key, polling on its own) and its own Netty door, stand for
 * the servers of a fleet. For each ban the clock starts when the ban is issued and stops, per
 * door, at the first connection from the banned 127.x.y.z that the door refuses (clients retry
 * every 2 ms); it is also reported from the moment the ban call returned (the LAPI has stored
 * the decision), which is what the poll interval bounds. Mode {@code cscli} bans with {@code cscli decisions add} (a process that logs in
 * as a machine: its own run time is reported apart); mode {@code watcher} bans from Java
 * through {@link CrowdSecWatcher} as an application would. Usage:
 * {@code java -cp benchmarks.jar io.github.tcpwrappers.benchmarks.CrowdSecBanLatency [bans] [pollMillis] [servers] [cscli|watcher]}.
 */
public final class CrowdSecBanLatency {
    private CrowdSecBanLatency() {
    }

    public static void main(String[] args) throws Exception {
        int bans = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        long pollMillis = args.length > 1 ? Long.parseLong(args[1]) : 1000;
        int servers = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        boolean viaCscli = args.length <= 3 || args[3].equals("cscli");
        Path dir = Files.createTempDirectory("crowdsec-bench-");
        Path list = dir.resolve("hosts.crowdsec");
        Files.writeString(list, "");
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), "ALL : " + list + "\n");
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        List<HostsAccess> engines = new ArrayList<>();
        try (CrowdSecLapi lapi = CrowdSecLapi.start()) {
            int[] ports = new int[servers];
            List<CrowdSecBouncer> bouncers = new ArrayList<>();
            for (int s = 0; s < servers; s++) {
                CrowdSecBouncer bouncer = CrowdSecBouncer.builder(URI.create(lapi.url())).apiKey(lapi.addBouncer("server-" + s))
                        .pollInterval(Duration.ofMillis(pollMillis)).build();
                bouncers.add(bouncer);
                HostsAccess access = HostsAccess.builder().directory(dir).bindList(list, bouncer).build();
                engines.add(access);
                ports[s] = door(group, access);
            }
            for (CrowdSecBouncer bouncer : bouncers) {
                bouncer.firstSync().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
            CrowdSecLapi.Machine machine = lapi.addMachine("bench-writer");
            try (CrowdSecWatcher watcher = CrowdSecWatcher.builder(URI.create(lapi.url())).machine(machine.login(), machine.password())
                    .build()) {
                double[] refused = new double[bans * servers];
                double[] afterStored = new double[bans * servers];
                double[] issue = new double[bans];
                for (int b = 0; b < bans; b++) {
                    String client = "127.1." + (b >> 8) + "." + (b & 0xFF);
                    for (int port : ports) {
                        if (!greeted(client, port)) {
                            throw new IllegalStateException(client + " refused before its ban");
                        }
                    }
                    long t0 = System.nanoTime();
                    if (viaCscli) {
                        lapi.cscli("decisions", "add", "-i", client, "-d", "1h", "-R", "bench");
                    } else {
                        watcher.ban(Network.parse(client), Duration.ofHours(1), "bench").toCompletableFuture().get(30, TimeUnit.SECONDS);
                    }
                    long stored = System.nanoTime();
                    issue[b] = (stored - t0) / 1e6;
                    boolean[] done = new boolean[servers];
                    int left = servers;
                    while (left > 0) {
                        if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(30)) {
                            throw new IllegalStateException(client + " not refused everywhere within 30 s");
                        }
                        for (int s = 0; s < servers; s++) {
                            if (!done[s] && !greeted(client, ports[s])) {
                                done[s] = true;
                                left--;
                                long now = System.nanoTime();
                                refused[b * servers + s] = (now - t0) / 1e6;
                                afterStored[b * servers + s] = Math.max(0, now - stored) / 1e6;
                            }
                        }
                        Thread.sleep(2);
                    }
                }
                Arrays.sort(refused);
                Arrays.sort(issue);
                Arrays.sort(afterStored);
                System.out.printf("CrowdSec LAPI 1.4.6, %s bans, %d bans x %d servers, poll %d ms (jitter 0.2)%n",
                        viaCscli ? "cscli decisions add" : "CrowdSecWatcher.ban", bans, servers, pollMillis);
                System.out.printf("ban issued -> refused at a door: p50 %.0f ms  p99 %.0f ms  max %.0f ms%n", pct(refused, 50),
                        pct(refused, 99), refused[refused.length - 1]);
                System.out.printf("the ban call itself:             p50 %.0f ms  p99 %.0f ms  max %.0f ms%n", pct(issue, 50),
                        pct(issue, 99), issue[issue.length - 1]);
                System.out.printf("ban stored -> refused at a door: p50 %.0f ms  p99 %.0f ms  max %.0f ms%n", pct(afterStored, 50),
                        pct(afterStored, 99), afterStored[afterStored.length - 1]);
            }
        } finally {
            for (HostsAccess access : engines) {
                access.close();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    private static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)];
    }

    private static int door(EventLoopGroup group, HostsAccess access) throws InterruptedException {
        Channel listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HostsAccessHandler(access, "bench"), new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelActive(ChannelHandlerContext ctx) {
                                ctx.writeAndFlush(Unpooled.copiedBuffer("hello\n", StandardCharsets.US_ASCII));
                                ctx.fireChannelActive();
                            }
                        });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    private static boolean greeted(String client, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setSoLinger(true, 0); // thousands of probes: no TIME_WAIT pile-up on the client ports
            socket.bind(new InetSocketAddress(client, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000); // a failure here is no refusal: it throws
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            byte[] hello = new byte[6];
            try {
                return in.readNBytes(hello, 0, 6) == 6;
            } catch (SocketException reset) {
                return false; // the door closed on it
            }
        }
    }
}
