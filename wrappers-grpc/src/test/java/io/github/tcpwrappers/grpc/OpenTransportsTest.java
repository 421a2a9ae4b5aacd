/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.testing.Await;
import io.github.tcpwrappers.testing.BanRules;
import io.github.tcpwrappers.value.Network;
import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.ServerInterceptor;
import io.grpc.ServerTransportFilter;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import io.github.tcpwrappers.crowdsec.testing.FleetSource;
import io.github.tcpwrappers.crowdsec.testing.LazyLapi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A ban shuts the banned client's gRPC transports down (not only its calls) when the server's
 * channels come from {@link ClosingTransports}, and no one else's: real grpc-netty on loopback,
 * the server's own transport filter counting the connections it holds per client address. The
 * ban comes from the engine, or from elsewhere in a fleet: a real Redis or a real CrowdSec LAPI.
 */
class OpenTransportsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    @RegisterExtension
    static final LazyLapi LAPI = new LazyLapi();
    @TempDir
    Path dir;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private final Transports transports = new Transports();

    @BeforeEach
    void loops() {
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterEach
    void stop() throws Exception {
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }


    /** The transports the server holds, by client address (ready and not yet terminated). */
    private static final class Transports extends ServerTransportFilter {
        private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();

        @Override
        public Attributes transportReady(Attributes attributes) {
            count(attributes).incrementAndGet();
            return attributes;
        }

        @Override
        public void transportTerminated(Attributes attributes) {
            count(attributes).decrementAndGet();
        }

        private AtomicInteger count(Attributes attributes) {
            String client = ((InetSocketAddress) attributes.get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR)).getAddress().getHostAddress();
            return open.computeIfAbsent(client, c -> new AtomicInteger());
        }

        int of(String client) {
            AtomicInteger n = open.get(client);
            return n == null ? 0 : n.get();
        }
    }

    private Loopback server(HostsAccess access, ServerInterceptor interceptor) throws Exception {
        return Loopback.start("127.0.0.1", interceptor, false, builder -> builder
                .channelFactory(ClosingTransports.wrap(access, "greeter", NioServerSocketChannel::new))
                .bossEventLoopGroup(boss)
                .workerEventLoopGroup(workers), transports);
    }

    private static CompletableFuture<String> openCall(ManagedChannel channel) {
        CompletableFuture<String> reply = new CompletableFuture<>();
        Loopback.collecting(channel, reply).onNext("first");
        return reply;
    }

    private static Status statusOf(CompletableFuture<String> call) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        return Status.fromThrowable(e.getCause());
    }

    @Test
    void aBanShutsDownEveryTransportOfTheBannedClientIdleOrBusyWithinASecondAndNoOneElses() throws Exception {
        try (HostsAccess access = BanRules.engine(dir, false);
                Loopback server = server(access, HostsAccessInterceptor.forDaemon(access, "greeter", Loopback.APPLICATION))) {
            ManagedChannel busy = server.channel("127.0.0.5");
            ManagedChannel idle = server.channel("127.0.0.5");
            ManagedChannel other = server.channel("127.0.0.6");
            assertEquals("hello a", Loopback.say(busy, "a"));
            assertEquals("hello b", Loopback.say(idle, "b"));
            assertEquals("hello c", Loopback.say(other, "c"));
            CompletableFuture<String> inFlight = openCall(busy);
            Await.until("two transports of 127.0.0.5 and the call in flight", WAIT,
                    () -> transports.of("127.0.0.5") == 2 && server.servedCount() == 4);
            long start = System.nanoTime();
            access.ban(dir.resolve("hosts.ban"), Network.parse("127.0.0.5"), Duration.ofHours(1), "abuse");
            Await.until("127.0.0.5's transports shut down", WAIT, () -> transports.of("127.0.0.5") == 0);
            long took = (System.nanoTime() - start) / 1_000_000;
            assertTrue(took < 1000, "transports shut down " + took + " ms after the ban");
            Status ended = statusOf(inFlight);
            assertEquals(Status.Code.PERMISSION_DENIED, ended.getCode(), ended.toString());
            assertEquals(1, transports.of("127.0.0.6"), "another client's transport stays");
            assertEquals("hello d", Loopback.say(other, "d"));
            StatusRuntimeException again = assertThrows(StatusRuntimeException.class,
                    () -> Loopback.say(idle, "e"));
            assertEquals(Status.Code.PERMISSION_DENIED, again.getStatus().getCode(), "a new connection, refused");
            System.out.println("grpc: banned client's transports shut down " + took + " ms after the ban");
        }
    }

    @Test
    void aStreamNothingEndsCannotHoldTheDeniedTransportOpenPastTheGrace() throws Exception {
        // no interceptor: nothing closes the call, so only the transport's own shutdown ends it
        try (HostsAccess access = BanRules.engine(dir, false); Loopback server = server(access, null)) {
            ManagedChannel banned = server.channel("127.0.0.7");
            CompletableFuture<String> inFlight = openCall(banned);
            Await.until("the call in flight", WAIT, () -> transports.of("127.0.0.7") == 1 && server.servedCount() == 1);
            long start = System.nanoTime();
            access.ban(dir.resolve("hosts.ban"), Network.parse("127.0.0.7"), Duration.ofHours(1), "abuse");
            Await.until("127.0.0.7's transport shut down", WAIT, () -> transports.of("127.0.0.7") == 0);
            long took = (System.nanoTime() - start) / 1_000_000;
            assertTrue(took < ClosingTransports.GRACE.toMillis() + 1000, "shut down " + took + " ms after the ban");
            assertEquals(Status.Code.UNAVAILABLE, statusOf(inFlight).getCode());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(FleetSource.Kind.class)
    void aFleetBanEndsTheClientsCallsInFlightAndShutsDownItsTransportsWithinASecond(FleetSource.Kind kind)
            throws Exception {
        try (FleetSource fleet = FleetSource.start(kind, dir, LAPI);
                HostsAccess access = HostsAccess.builder().directory(dir).bindList(BanRules.write(dir), fleet.source())
                        .build();
                Loopback server = server(access, HostsAccessInterceptor.forDaemon(access, "greeter", Loopback.APPLICATION))) {
            assertTrue(access.awaitLists(WAIT), "the list arrives: " + access.lists());
            ManagedChannel banned = server.channel("127.8.1.5");
            ManagedChannel other = server.channel("127.8.1.6");
            assertEquals("hello a", Loopback.say(banned, "a"));
            assertEquals("hello b", Loopback.say(other, "b"));
            CompletableFuture<String> inFlight = openCall(banned);
            Await.until("the call in flight", WAIT, () -> server.servedCount() == 3);
            fleet.banAndAwait(access, "grpc", "127.8.1.5", "the call in flight ended and the transport shut down",
                    () -> inFlight.isDone() && transports.of("127.8.1.5") == 0);
            assertEquals(Status.Code.PERMISSION_DENIED, statusOf(inFlight).getCode());
            assertEquals(1, transports.of("127.8.1.6"), "another client's transport stays");
            assertEquals("hello c", Loopback.say(other, "c"));
        }
    }
}
