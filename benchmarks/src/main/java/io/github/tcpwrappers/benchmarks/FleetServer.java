/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.OperatingSystemMXBean;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.crowdsec.CrowdSecBouncer;
import io.github.tcpwrappers.grpc.HostsAccessInterceptor;
import io.github.tcpwrappers.netty.HostsAccessHandler;
import io.github.tcpwrappers.redis.RedisList;
import io.github.tcpwrappers.servlet.HostsAccessFilter;
import io.github.tcpwrappers.spi.ListSource;
import io.github.tcpwrappers.value.ListStatus;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import io.lettuce.core.RedisURI;
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
import jakarta.servlet.DispatcherType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.HdrHistogram.Recorder;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One server of {@link FleetBanLoad}'s fleet, in a JVM of its own: an engine whose
 * {@code hosts.deny} is {@code ALL : DIR/hosts.ban}, that path bound to the shared list (Redis
 * or a CrowdSec LAPI), behind one door on 127.0.0.1 through the adapter's public API: Netty
 * ({@link HostsAccessHandler}, a greeting {@code ok\n} for a served connection), servlet
 * ({@link HostsAccessFilter} in Jetty 12.1, 200 {@code hello}) or gRPC
 * ({@link HostsAccessInterceptor} on grpc-netty, the echo {@code Say}). Every decision's time
 * (the engine's own, from the {@link io.github.tcpwrappers.DecisionListener}) is counted in a
 * {@link Recorder} (HdrHistogram, 3 significant digits, wait-free from any thread).
 *
 * <p>It speaks to its parent by lines: {@code READY PORT} on standard output once the list is
 * delivered; then, on standard input, {@code reset} (forget the decision times), {@code stats}
 * (answers {@code STATS} and the decisions since the last reset, {@link #encode}), {@code list}
 * (answers {@code LIST ENTRIES STATE}), {@code cpu} (answers {@code CPU PROCESS LIST}: the CPU
 * nanoseconds of the whole process and of the threads that keep the list, {@link #LIST_THREADS}),
 * {@code gc} (answers {@code GC} and the collections' durations since the last reset). End of input stops it, so a dead parent leaves nothing.
 *
 * <pre>
 * java -cp benchmarks.jar io.github.tcpwrappers.benchmarks.FleetServer netty|servlet|grpc redis URI
 * FLEET_CROWDSEC_KEY=... java -cp benchmarks.jar io.github.tcpwrappers.benchmarks.FleetServer netty|servlet|grpc crowdsec URL POLL_MS RESYNC_MS
 * </pre>
 */
public final class FleetServer {
    /** The environment variable with the bouncer's API key (not on the command line, where ps shows it). */
    static final String CROWDSEC_KEY = "FLEET_CROWDSEC_KEY";
    /** The daemon name of every door. */
    static final String DAEMON = "fleet";

    private FleetServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: FleetServer netty|servlet|grpc redis URI | crowdsec URL POLL_MS RESYNC_MS");
        }
        FleetDoor door = FleetDoor.valueOf(args[0].toUpperCase(Locale.ROOT));
        Path ban = RuleFiles.banListRules("fleet-server-");
        Path dir = ban.getParent();
        Recorder decisions = new Recorder(3);
        Histogram sinceReset = new Histogram(3); // touched only by the command loop below
        Recorder pauses = gcPauses();
        Histogram pausesSinceReset = new Histogram(3); // likewise
        ListSource source = switch (args[1]) {
            case "redis" -> RedisList.builder(RedisURI.create(args[2])).build();
            case "crowdsec" -> CrowdSecBouncer.builder(URI.create(args[2])).apiKey(System.getenv(CROWDSEC_KEY))
                    .pollInterval(Duration.ofMillis(Long.parseLong(args[3])))
                    .resyncInterval(Duration.ofMillis(Long.parseLong(args[4]))).build();
            default -> throw new IllegalArgumentException("source must be redis or crowdsec: " + args[1]);
        };
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.US_ASCII); // the parent reads each line at once
        try (HostsAccess access = HostsAccess.builder().directory(dir).bindList(ban, source)
                .listener((request, decision, elapsed) -> decisions.recordValue(Math.max(0, elapsed.toNanos()))).build();
                Running running = start(door, access)) {
            if (!access.awaitLists(Duration.ofSeconds(60))) {
                throw new IllegalStateException("no list within 60 s: " + access.lists());
            }
            out.println("READY " + running.port());
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                switch (line.trim()) {
                    case "reset" -> {
                        decisions.reset();
                        sinceReset.reset();
                        pauses.reset();
                        pausesSinceReset.reset();
                        out.println("OK");
                    }
                    case "stats" -> {
                        sinceReset.add(decisions.getIntervalHistogram());
                        out.println("STATS " + encode(sinceReset));
                    }
                    case "gc" -> {
                        pausesSinceReset.add(pauses.getIntervalHistogram());
                        out.println("GC " + encode(pausesSinceReset));
                    }
                    case "cpu" -> out.println("CPU " + os.getProcessCpuTime() + " " + listThreadsCpu(threads));
                    case "list" -> {
                        ListStatus status = access.lists().get(0);
                        out.println("LIST " + status.entries() + " " + status.state());
                    }
                    default -> out.println("ERR unknown command: " + line);
                }
            }
        }
        Files.deleteIfExists(ban);
        Files.deleteIfExists(dir.resolve("hosts.allow"));
        Files.deleteIfExists(dir.resolve("hosts.deny"));
        Files.deleteIfExists(dir);
    }

    /**
     * {@return a recorder of this JVM's collections, in microseconds as the JVM reports them (whole
     * milliseconds)}: a decision that spans one waits for it, so a slow decision and a long
     * collection in the same window say where its time went.
     */
    private static Recorder gcPauses() {
        Recorder pauses = new Recorder(3);
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    GarbageCollectionNotificationInfo info =
                            GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    pauses.recordValue(info.getGcInfo().getDuration() * 1000);
                }
            }, null, null);
        }
        return pauses;
    }

    /**
     * The threads that hear, apply and fold the list: the source's own, Lettuce's event loops,
     * the engine's list thread (sweeps) and the fold thread (which ends when idle, taking its
     * count with it: a window should end while it still runs).
     */
    static final List<String> LIST_THREADS = List.of("redis-list-", "lettuce-", "hosts-access-list");

    /** {@return the CPU nanoseconds of the live threads named as {@link #LIST_THREADS}} */
    private static long listThreadsCpu(ThreadMXBean threads) {
        long sum = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && LIST_THREADS.stream().anyMatch(info.getThreadName()::startsWith)) {
                sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    /** {@return the histogram as one line of text: its compressed form in base64} */
    static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }

    /** {@return the histogram {@link #encode} wrote} */
    static Histogram decode(String line) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(line)), 0);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("not an encoded histogram: " + e.getMessage(), e);
        }
    }

    /** A door listening on {@code port}, stopped by {@code stop}. */
    private record Running(int port, AutoCloseable stop) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            stop.close();
        }
    }

    private static Running start(FleetDoor door, HostsAccess access) throws Exception {
        return switch (door) {
            case NETTY -> netty(access);
            case SERVLET -> jetty(access);
            case GRPC -> grpc(access);
        };
    }

    private static Running netty(HostsAccess access) throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        HostsAccessHandler handler = new HostsAccessHandler(access, DAEMON);
        Channel listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(handler, new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelActive(ChannelHandlerContext ctx) {
                                ctx.writeAndFlush(Unpooled.copiedBuffer(FleetDoor.GREETING, StandardCharsets.US_ASCII))
                                        .addListener(f -> ctx.close());
                            }
                        });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        return new Running(((InetSocketAddress) listener.localAddress()).getPort(), () -> {
            listener.close().sync();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        });
    }

    private static Running jetty(HostsAccess access) throws Exception {
        // A small pool: eight servers share two cores, and the probes come one at a time.
        Server server = new Server(new QueuedThreadPool(16, 4));
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new ServerParts.Hello()), "/*");
        context.addFilter(new FilterHolder(HostsAccessFilter.create(access, DAEMON)), "/*",
                EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(context);
        server.start();
        return new Running(connector.getLocalPort(), server::stop);
    }

    private static Running grpc(HostsAccess access) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        var server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .bossEventLoopGroup(group).workerEventLoopGroup(group).channelType(NioServerSocketChannel.class)
                .directExecutor()
                .addService(ServerInterceptors.intercept(GrpcEcho.service(FleetDoor.SAY),
                        HostsAccessInterceptor.forDaemon(access, DAEMON, GrpcEcho.RESUME)))
                .build().start();
        return new Running(server.getPort(), () -> {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        });
    }
}
