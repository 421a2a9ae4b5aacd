/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.netty.HostsAccessHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.handler.ipfilter.RuleBasedIpFilter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * New TCP connections per second on loopback through a Netty server: without a filter, with
 * {@link HostsAccessHandler} and a 10,000-line hosts.deny (the shape DenyHosts writes: one
 * address per line), and with Netty's {@link RuleBasedIpFilter} holding the same 10,000
 * addresses. Every client is allowed, so every connection is checked against all the rules and
 * then reaches the application, which greets it with one byte.
 *
 * <p>One operation: connect from 127.0.0.x (rotating, so ports do not run out), read the
 * greeting, close with a reset (no TIME_WAIT).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar NettyAcceptBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
public class NettyAcceptBenchmark {
    static final int RULES = 10_000;

    @Param({"none", "hosts-access", "rule-based-ip-filter"})
    public String filter;

    private Path dir;
    private HostsAccess access;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel listener;
    private InetSocketAddress address;

    /** Per client thread: which source address comes next. */
    @State(Scope.Thread)
    public static class Client {
        int next;

        String source() {
            next = next % 200 + 1;
            return "127.0.1." + next;
        }
    }

    /** The rules: 10,000 single addresses in 10.0.0.0/8, none of which is a client here. */
    static String ruleAddress(int i) {
        return "10." + (i >> 16 & 0xFF) + "." + (i >> 8 & 0xFF) + "." + (i & 0xFF);
    }

    @Setup(Level.Trial)
    public void start() throws Exception {
        ChannelHandler guard = switch (filter) {
            case "none" -> null;
            case "hosts-access" -> {
                dir = Files.createTempDirectory("netty-bench");
                StringBuilder deny = new StringBuilder(RULES * 20);
                for (int i = 1; i <= RULES; i++) {
                    deny.append("echo: ").append(ruleAddress(i)).append('\n');
                }
                Files.writeString(dir.resolve("hosts.allow"), "", StandardCharsets.US_ASCII);
                Files.writeString(dir.resolve("hosts.deny"), deny, StandardCharsets.US_ASCII);
                access = HostsAccess.builder().directory(dir).build(); // strict, the default
                yield new HostsAccessHandler(access, "echo");
            }
            case "rule-based-ip-filter" -> {
                IpSubnetFilterRule[] rules = new IpSubnetFilterRule[RULES];
                for (int i = 1; i <= RULES; i++) {
                    rules[i - 1] = new IpSubnetFilterRule(ruleAddress(i), 32, IpFilterRuleType.REJECT);
                }
                yield new RuleBasedIpFilter(rules);
            }
            default -> throw new IllegalArgumentException("unknown filter " + filter);
        };
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        listener = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (guard != null) {
                            ch.pipeline().addLast(guard);
                        }
                        ch.pipeline().addLast(new Greeter());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        address = (InetSocketAddress) listener.localAddress();
        serverThreads = new long[] {
            boss.submit(() -> Thread.currentThread().getId()).get(),
            workers.submit(() -> Thread.currentThread().getId()).get()};
    }

    private long[] serverThreads;

    /**
     * CPU time the server's two event loop threads have used so far: unlike wall time, barely
     * moved by other processes competing for the machine.
     */
    long serverCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : serverThreads) {
            sum += threads.getThreadCpuTime(id);
        }
        return sum;
    }

    /** Greets with one byte; a client's reset closes quietly. */
    static final class Greeter extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'!'}));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    @Benchmark
    public int connect(Client client) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setSoLinger(true, 0);
            socket.bind(new InetSocketAddress(client.source(), 0));
            socket.connect(address, 5000);
            socket.setSoTimeout(5000);
            int greeting = socket.getInputStream().read();
            if (greeting != '!') {
                throw new IOException("refused or no greeting: " + greeting);
            }
            return greeting;
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        listener.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        if (access != null) {
            access.close();
        }
        if (dir != null) {
            RuleFiles.deleteTree(dir);
        }
    }
}
