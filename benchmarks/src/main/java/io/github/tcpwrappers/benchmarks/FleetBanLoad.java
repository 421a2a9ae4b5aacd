package io.github.tcpwrappers.benchmarks;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.netty.HostsAccessHandler;
import io.github.tcpwrappers.redis.RedisList;
import io.github.tcpwrappers.testing.RedisServer;
import io.github.tcpwrappers.value.ListEntry;
import io.github.tcpwrappers.value.Network;
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
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A fleet on one machine, reduced: {@code servers} engines (each with its own Redis connection
 * and its own Netty server with {@link HostsAccessHandler} on loopback, in this one JVM), one
 * writer (a {@link RedisList} of its own, as a tool or another server writes), a real
 * redis-server started here. For each of {@code bans} fresh addresses: the time from the ban
 * call to the first connection each server refuses, probed by connecting from that address
 * until the server closes without its greeting. Prints p50 / p99 / max over every (ban, server).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.tcpwrappers.benchmarks.FleetBanLoad [servers] [bans]
 * </pre>
 */
public final class FleetBanLoad {
    private FleetBanLoad() {
    }

    public static void main(String[] args) throws Exception {
        int servers = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int bans = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path dir = Files.createTempDirectory("fleet-ban-load");
        Path ban = dir.resolve("hosts.ban");
        Files.writeString(ban, "");
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), "ALL : " + ban + "\n");
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        List<HostsAccess> engines = new ArrayList<>();
        List<InetSocketAddress> doors = new ArrayList<>();
        ExecutorService probes = Executors.newFixedThreadPool(servers);
        try (RedisServer redis = RedisServer.start(dir.resolve("redis"), false);
                RedisList writer = RedisList.builder(RedisURI.create(redis.uri())).build()) {
            for (int s = 0; s < servers; s++) {
                HostsAccess access = HostsAccess.builder().directory(dir)
                        .bindList(ban, RedisList.builder(RedisURI.create(redis.uri())).build()).build();
                engines.add(access);
                HostsAccessHandler handler = new HostsAccessHandler(access, "echo");
                Channel listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                        .childHandler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                ch.pipeline().addLast(handler, new Greeting());
                            }
                        }).bind("127.0.0.1", 0).sync().channel();
                doors.add((InetSocketAddress) listener.localAddress());
            }
            for (HostsAccess access : engines) {
                if (!access.awaitLists(Duration.ofSeconds(30))) {
                    throw new IllegalStateException("a server got no list: " + access.lists());
                }
            }
            // Warm-up: connections and bans the JIT sees before timing starts.
            for (int i = 0; i < 20; i++) {
                measure(writer, probes, doors, "127.99.0." + (i + 1));
            }
            long[] samples = new long[bans * servers];
            int k = 0;
            for (int i = 0; i < bans; i++) {
                String address = "127.50." + (i / 250) + "." + (i % 250 + 1);
                for (long micros : measure(writer, probes, doors, address)) {
                    samples[k++] = micros;
                }
            }
            Arrays.sort(samples);
            System.out.printf(Locale.ROOT, "servers=%d bans=%d: ban call to first refused connection, per server:"
                    + " p50 %.1f ms, p99 %.1f ms, max %.1f ms (load average %s)%n", servers, bans,
                    samples[samples.length / 2] / 1e3, samples[(int) (samples.length * 0.99)] / 1e3,
                    samples[samples.length - 1] / 1e3, Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
            engines.forEach(HostsAccess::close); // before Redis stops: no reconnect attempts in the output
        } finally {
            probes.shutdownNow();
            engines.forEach(HostsAccess::close);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /** Bans {@code address} and times, per server, the first refused connection from it (µs). */
    private static long[] measure(RedisList writer, ExecutorService probes, List<InetSocketAddress> doors,
            String address) throws Exception {
        long start = System.nanoTime();
        writer.ban(new ListEntry(Network.parse(address), Instant.now().plusSeconds(600), "fleet-ban-load", "bench"));
        List<Future<Long>> refused = new ArrayList<>();
        for (InetSocketAddress door : doors) {
            refused.add(probes.submit(() -> {
                while (greeted(address, door)) {
                    if (System.nanoTime() - start > 30_000_000_000L) {
                        throw new IllegalStateException("not refused within 30 s by " + door);
                    }
                }
                return (System.nanoTime() - start) / 1000;
            }));
        }
        long[] out = new long[doors.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = refused.get(i).get();
        }
        return out;
    }

    /** Whether a connection from {@code from} is served (greeted) rather than closed unserved. */
    private static boolean greeted(String from, InetSocketAddress door) throws Exception {
        try (Socket socket = new Socket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(door, 5000);
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[3];
            int n = in.readNBytes(buf, 0, 3);
            return n == 3 && new String(buf, StandardCharsets.US_ASCII).equals("ok\n");
        } catch (SocketException reset) {
            return false;
        }
    }

    /** The service: greets and closes. */
    private static final class Greeting extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(Unpooled.copiedBuffer("ok\n", StandardCharsets.US_ASCII))
                    .addListener(f -> ctx.close());
        }
    }
}
