/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.grpc;

import static io.github.tcpwrappers.grpc.Loopback.count;
import static io.github.tcpwrappers.grpc.Loopback.ping;
import static io.github.tcpwrappers.grpc.Loopback.say;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.value.CommandLimits;
import io.github.tcpwrappers.value.HostName;
import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.ServerTransportFilter;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class HostsAccessInterceptorTest {
    @TempDir
    Path dir;

    /** Every decision the engine made, in order. */
    private final List<AccessRequest> decided = new CopyOnWriteArrayList<>();
    /** Every engine a test built, closed after it. */
    private final List<HostsAccess> engines = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeEngines() {
        engines.forEach(HostsAccess::close);
    }

    private HostsAccess rules(String allow, String deny) throws IOException {
        return rules(allow, deny, HostsAccess.builder());
    }

    private HostsAccess rules(String allow, String deny, HostsAccess.Builder builder) throws IOException {
        write(allow, deny);
        HostsAccess access = builder.directory(dir).listener((request, decision, took) -> decided.add(request)).build();
        engines.add(access);
        return access;
    }

    private void write(String allow, String deny) throws IOException {
        Files.writeString(dir.resolve("hosts.allow"), allow);
        Files.writeString(dir.resolve("hosts.deny"), deny);
    }

    private static Status refusal(Executable call) {
        return assertThrows(StatusRuntimeException.class, call).getStatus();
    }

    private static void assertRefused(Status.Code code, String description, Executable call) {
        Status status = refusal(call);
        assertEquals(code, status.getCode(), status.toString());
        assertEquals(description, status.getDescription());
    }

    @Test
    void unaryCallsPassFromAnAllowedAddressAndAreRefusedFromADeniedOne() throws Exception {
        HostsAccess access = rules("echo: 127.0.0.1\n", "echo: ALL\n");
        try (Loopback server = Loopback.start(HostsAccessInterceptor.forDaemon(access, "echo", Loopback.APPLICATION))) {
            assertEquals("hello one", say(server.channel("127.0.0.1"), "one"));
            assertRefused(Status.Code.PERMISSION_DENIED, "access denied", () -> say(server.channel("127.0.0.2"), "two"));
            assertEquals(1, server.servedCount());
            // The engine saw the address each client socket was bound to.
            assertEquals(List.of("127.0.0.1", "127.0.0.2"),
                    decided.stream().map(AccessRequest::clientAddressText).toList());
            assertEquals(List.of("127.0.0.1", "127.0.0.1"),
                    decided.stream().map(AccessRequest::serverAddressText).toList());
        }
    }

    @Test
    void ipv6ClientsAreMatchedByBracketedPatterns() throws Exception {
        HostsAccess access = rules("echo: [::1]\n", "echo: ALL\n");
        try (Loopback server = Loopback.start("::1", HostsAccessInterceptor.forDaemon(access, "echo", Loopback.APPLICATION), false)) {
            assertEquals("hello six", say(server.channel("::1"), "six"));
            assertEquals(List.of("::1"), decided.stream().map(AccessRequest::clientAddressText).toList());
        }
        HostsAccess refusing = rules("echo: 127.0.0.1\n", "echo: ALL\n");
        try (Loopback server = Loopback.start("::1", HostsAccessInterceptor.forDaemon(refusing, "echo", Loopback.APPLICATION), false)) {
            assertRefused(Status.Code.PERMISSION_DENIED, "access denied", () -> say(server.channel("::1"), "six"));
        }
    }

    @Test
    void serverStreamingCallsStreamWhenAllowedAndFailBeforeAnyMessageWhenDenied() throws Exception {
        HostsAccess access = rules("echo: 127.0.0.1\n", "echo: ALL\n");
        try (Loopback server = Loopback.start(HostsAccessInterceptor.forDaemon(access, "echo", Loopback.APPLICATION))) {
            assertEquals(List.of("0", "1", "2", "3"), count(server.channel("127.0.0.1"), 4));
            assertRefused(Status.Code.PERMISSION_DENIED, "access denied", () -> count(server.channel("127.0.0.2"), 4));
            assertEquals(1, server.servedCount());
        }
    }

    @Test
    void aBannerDescribesTheRefusal() throws Exception {
        Path banners = Files.createDirectories(dir.resolve("banners"));
        Files.writeString(banners.resolve("echo"), "Go away, %a.\nAsk %d's admin.\n");
        HostsAccess access = rules("", "echo: 127.0.0.2: banners " + banners + "\n");
        try (Loopback server = Loopback.start(HostsAccessInterceptor.forDaemon(access, "echo", Loopback.APPLICATION))) {
            assertRefused(Status.Code.PERMISSION_DENIED, "Go away, 127.0.0.2.\nAsk echo's admin.",
                    () -> say(server.channel("127.0.0.2"), "x"));
        }
    }

    @Test
    void twistOutputDescribesTheRefusalAndRunsOncePerConnection() throws Exception {
        Path runs = dir.resolve("runs");
        HostsAccess access = rules("", "echo: 127.0.0.2: twist echo ran >> " + runs + "; echo no service for %a\n");
        try (Loopback server = Loopback.start(HostsAccessInterceptor.forDaemon(access, "echo", Loopback.APPLICATION))) {
            ManagedChannel channel = server.channel("127.0.0.2");
            for (int i = 0; i < 3; i++) {
                assertRefused(Status.Code.PERMISSION_DENIED, "no service for 127.0.0.2", () -> say(channel, "x"));
            }
            assertRefused(Status.Code.PERMISSION_DENIED, "no service for 127.0.0.2", () -> count(channel, 2));
            assertEquals(List.of("ran"), Files.readAllLines(runs));
            assertEquals(0, server.servedCount());
        }
    }

    @Test
    void twistTakesThePlaceOfTheServiceEvenOnAGrantingRule() throws Exception {
        HostsAccess access = rules("echo: 127.0.0.2: twist echo served by twist\n", "");
        try (Loopback server = Loopback.start(HostsAccessInterceptor.forDaemon(access, "echo", Loopback.APPLICATION))) {
            assertRefused(Status.Code.PERMISSION_DENIED, "served by twist", () -> say(server.channel("127.0.0.2"), "x"));
            assertEquals(0, server.servedCount());
        }
    }

    @Test
    void twistOutputIsCutAtTheLimitAndASlowTwistIsKilledWithItsOutputSoFar() throws Exception {
        HostsAccess access = rules("", """
                echo: 127.0.0.2: twist seq -s x 2000
                echo: 127.0.0.3: twist echo partial; sleep 30; echo never
                """, HostsAccess.builder().commandLimits(CommandLimits.defaults().withTimeout(Duration.ofMillis(500))));
        HostsAccessInterceptor interceptor = HostsAccessInterceptor.forDaemon(access, "echo", Loopback.APPLICATION)
                .withDescriptionLimit(64);
        try (Loopback server = Loopback.start(interceptor)) {
            String seq = IntStream.rangeClosed(1, 2000).mapToObj(Integer::toString).collect(Collectors.joining("x"));
            assertRefused(Status.Code.PERMISSION_DENIED, seq.substring(0, 64), () -> say(server.channel("127.0.0.2"), "x"));
            long start = System.nanoTime();
            assertRefused(Status.Code.PERMISSION_DENIED, "partial", () -> say(server.channel("127.0.0.3"), "x"));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "the twist was not killed in time");
        }
    }

    @Test
    void perServiceDaemonNamesLetRulesTargetServices() throws Exception {
        HostsAccess access = rules("test.Echo: 127.0.0.2\ntest.Admin: 127.0.0.1\n", "ALL: ALL\n");
        try (Loopback server = Loopback.start(HostsAccessInterceptor.perService(access, Loopback.APPLICATION))) {
            ManagedChannel two = server.channel("127.0.0.2");
            ManagedChannel one = server.channel("127.0.0.1");
            assertEquals("hello a", say(two, "a"));
            assertEquals(List.of("0", "1"), count(two, 2));
            assertRefused(Status.Code.PERMISSION_DENIED, "access denied", () -> ping(two));
            assertEquals("pong", ping(one));
            assertRefused(Status.Code.PERMISSION_DENIED, "access denied", () -> say(one, "b"));
            assertEquals(List.of("test.Echo", "test.Admin", "test.Admin", "test.Echo"),
                    decided.stream().map(AccessRequest::daemon).toList());
        }
    }

    @Test
    void aDaemonPrefixRuleCoversEveryServiceOfAPackage() throws Exception {
        HostsAccess access = rules("test.: 127.0.0.2\n", "ALL: ALL\n");
        try (Loopback server = Loopback.start(HostsAccessInterceptor.perService(access, Loopback.APPLICATION))) {
            assertEquals("hello a", say(server.channel("127.0.0.2"), "a"));
            assertEquals("pong", ping(server.channel("127.0.0.2")));
            assertRefused(Status.Code.PERMISSION_DENIED, "access denied", () -> ping(server.channel("127.0.0.3")));
        }
    }

    @Test
    void oneDecisionServesEveryCallOfAConnectionAndDaemon() throws Exception {
        HostsAccess access = rules("ALL: 127.0.0.2\n", "ALL: ALL\n");
        try (Loopback server = Loopback.start(HostsAccessInterceptor.perService(access, Loopback.APPLICATION))) {
            ManagedChannel channel = server.channel("127.0.0.2");
            for (int i = 0; i < 5; i++) {
                say(channel, "x");
                ping(channel);
            }
            assertEquals(List.of("test.Echo", "test.Admin"), decided.stream().map(AccessRequest::daemon).toList());
            say(server.channel("127.0.0.2"), "new connection");
            assertEquals(3, decided.size());
        }
    }

    @Test
    void aReloadTakesEffectOnTheNextCallOfAnOpenConnection() throws Exception {
        HostsAccess access = rules("echo: 127.0.0.2\n", "echo: ALL\n");
        try (Loopback server = Loopback.start(HostsAccessInterceptor.forDaemon(access, "echo", Loopback.APPLICATION))) {
            ManagedChannel channel = server.channel("127.0.0.2");
            assertEquals("hello before", say(channel, "before"));
            write("", "echo: 127.0.0.2\n");
            assertTrue(access.reload().isEmpty());
            assertRefused(Status.Code.PERMISSION_DENIED, "access denied", () -> say(channel, "after"));
            assertRefused(Status.Code.PERMISSION_DENIED, "access denied", () -> count(channel, 1));
            write("echo: 127.0.0.2\n", "echo: ALL\n");
            access.reload();
            assertEquals("hello again", say(channel, "again"));
            assertEquals(3, decided.size());
        }
    }

    /** Answers every name lookup after a delay, on its own thread. */
    private static HostsAccess.Builder slowNames(String name, long delayMillis, AtomicInteger lookups) {
        return HostsAccess.builder().lookupTimeout(Duration.ofMinutes(1)).hostNameResolver(address -> {
            lookups.incrementAndGet();
            return CompletableFuture.supplyAsync(() -> (HostName) new HostName.Verified(name),
                    CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS));
        });
    }

    @Test
    void theServiceReadsTheGrantInItsContextWhetherDecidedAtOnceOrHeld() throws Exception {
        HostsAccess access = rules("test.Admin: 127.0.0.2: setenv ROLE %a-admin: severity auth.info\n"
                + "test.Admin: trusted.example\n", "test.Admin: ALL\n", slowNames("trusted.example", 300, new AtomicInteger()));
        String allow = dir.resolve("hosts.allow").toString();
        try (Loopback server = Loopback.start(HostsAccessInterceptor.perService(access, Loopback.APPLICATION), true)) {
            // Decided inline: the rule, and its options with expanded values (setenv among them).
            assertEquals("true " + allow + ":1 setenv=ROLE 127.0.0.2-admin,severity=auth.info",
                    Loopback.admitted(server.channel("127.0.0.2")));
            // Held for the name lookup, then resumed on the application executor: the same context key.
            assertEquals("true " + allow + ":2 ", Loopback.admitted(server.channel("127.0.0.3")));
        }
    }

    @Test
    void aCallWaitingForANameLookupIsHeldThenServedOrRefused() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        HostsAccess access = rules("echo: trusted.example\n", "echo: ALL\n", slowNames("trusted.example", 300, lookups));
        // directExecutor: interceptCall runs on the Netty event loop, which must not wait.
        try (Loopback server = Loopback.start(HostsAccessInterceptor.forDaemon(access, "echo", Loopback.APPLICATION), true)) {
            ManagedChannel channel = server.channel("127.0.0.2");
            assertEquals("hello held", say(channel, "held"));
            assertEquals(List.of("0", "1", "2"), count(channel, 3));
            assertEquals(List.of("0", "1", "2"), count(server.channel("127.0.0.3"), 3));
            assertEquals(2, lookups.get());
        }
        decided.clear();
        HostsAccess refusing = rules("echo: trusted.example\n", "echo: ALL\n", slowNames("evil.example", 300, lookups));
        try (Loopback server = Loopback.start(HostsAccessInterceptor.forDaemon(refusing, "echo", Loopback.APPLICATION), true)) {
            ManagedChannel channel = server.channel("127.0.0.2");
            assertRefused(Status.Code.PERMISSION_DENIED, "access denied", () -> say(channel, "held"));
            assertRefused(Status.Code.PERMISSION_DENIED, "access denied", () -> count(channel, 3));
            assertEquals(0, server.servedCount());
        }
    }

    @Test
    void eventsThatArriveWhileACallIsHeldReachTheServiceInOrder() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        HostsAccess access = rules("echo: trusted.example\n", "echo: ALL\n", slowNames("trusted.example", 300, lookups));
        try (Loopback server = Loopback.start(HostsAccessInterceptor.forDaemon(access, "echo", Loopback.APPLICATION), true)) {
            // No message: the half-close reaches the server while the call is held, and is replayed.
            assertEquals("0 ", Loopback.collect(server.channel("127.0.0.2"), List.of()));
            assertEquals("3 a,b,c", Loopback.collect(server.channel("127.0.0.3"), List.of("a", "b", "c")));
            assertEquals(2, lookups.get());
            assertEquals(2, server.servedCount());
        }
    }

    @Test
    void aCallCancelledWhileHeldNeverReachesTheService() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        HostsAccess access = rules("echo: trusted.example\n", "echo: ALL\n", slowNames("trusted.example", 1500, lookups));
        try (Loopback server = Loopback.start(HostsAccessInterceptor.forDaemon(access, "echo", Loopback.APPLICATION))) {
            ManagedChannel channel = server.channel("127.0.0.2");
            Status status = refusal(() -> ClientCalls.blockingUnaryCall(channel, Loopback.SAY,
                    Loopback.deadline().withDeadlineAfter(200, TimeUnit.MILLISECONDS), "impatient"));
            assertEquals(Status.Code.DEADLINE_EXCEEDED, status.getCode());
            // The decision lands later and serves the next call of the connection.
            assertEquals("hello patient", say(channel, "patient"));
            assertEquals(1, server.servedCount());
            assertEquals(1, lookups.get());
        }
    }

    @Test
    void aDecisionThatTakesTooLongFailsClosedAndIsNotRemembered() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        HostsAccess access = rules("echo: trusted.example\n", "echo: ALL\n", slowNames("trusted.example", 5000, lookups));
        HostsAccessInterceptor interceptor = HostsAccessInterceptor.forDaemon(access, "echo", Loopback.APPLICATION)
                .withTimeout(Duration.ofMillis(200));
        try (Loopback server = Loopback.start(interceptor)) {
            ManagedChannel channel = server.channel("127.0.0.2");
            assertRefused(Status.Code.UNAVAILABLE, "access decision timed out", () -> say(channel, "x"));
            assertRefused(Status.Code.UNAVAILABLE, "access decision timed out", () -> say(channel, "x"));
            assertEquals(2, lookups.get());
            assertEquals(0, server.servedCount());
        }
    }

    /** Hides the client address, as a transport that cannot tell it would. */
    private static final class ForgetClient extends ServerTransportFilter {
        @Override
        public Attributes transportReady(Attributes attributes) {
            return attributes.toBuilder().discard(Grpc.TRANSPORT_ATTR_REMOTE_ADDR).build();
        }
    }

    @Test
    void aCallWithoutAClientAddressIsRefused() throws Exception {
        HostsAccess access = rules("ALL: ALL\n", "");
        try (Loopback server = Loopback.start(HostsAccessInterceptor.forDaemon(access, "echo", Loopback.APPLICATION), new ForgetClient())) {
            assertRefused(Status.Code.PERMISSION_DENIED, "access denied: the transport reports no client address",
                    () -> say(server.channel("127.0.0.1"), "x"));
            assertEquals(0, server.servedCount());
            assertTrue(decided.isEmpty());
        }
    }

    @Test
    void theTransportFilterKeepsOneDecisionPerConnection() throws Exception {
        HostsAccess access = rules("echo: 127.0.0.2\n", "echo: ALL\n");
        HostsAccessInterceptor interceptor = HostsAccessInterceptor.forDaemon(access, "echo", Loopback.APPLICATION);
        try (Loopback server = Loopback.start(interceptor, interceptor.transportFilter())) {
            ManagedChannel two = server.channel("127.0.0.2");
            ManagedChannel three = server.channel("127.0.0.3");
            for (int i = 0; i < 3; i++) {
                assertEquals("hello x", say(two, "x"));
                assertRefused(Status.Code.PERMISSION_DENIED, "access denied", () -> say(three, "x"));
            }
            assertEquals(List.of("127.0.0.2", "127.0.0.3"),
                    decided.stream().map(AccessRequest::clientAddressText).toList());
        }
    }

    @Test
    void theRejectingFilterClosesDeniedConnectionsBeforeAnyCall() throws Exception {
        HostsAccess access = rules("echo: 127.0.0.1\n", "echo: ALL\n");
        HostsAccessInterceptor interceptor = HostsAccessInterceptor.forDaemon(access, "echo", Loopback.APPLICATION);
        try (Loopback server = Loopback.start(interceptor, interceptor.rejectingTransportFilter())) {
            ManagedChannel one = server.channel("127.0.0.1");
            assertEquals("hello a", say(one, "a"));
            assertEquals("hello b", say(one, "b"));
            Status status = refusal(() -> say(server.channel("127.0.0.2"), "x"));
            // grpc-java's client reports a connection closed by GOAWAY(INTERNAL_ERROR) so.
            assertEquals(Status.Code.INTERNAL, status.getCode(), status.toString());
            assertTrue(status.getDescription().contains("GOAWAY"), status.toString());
            assertTrue(status.getDescription().contains("PERMISSION_DENIED: access denied"), status.toString());
            assertEquals(2, server.servedCount());
            // The connection's decision also served its calls.
            assertEquals(List.of("127.0.0.1"), decided.stream().map(AccessRequest::clientAddressText)
                    .filter("127.0.0.1"::equals).toList());
        }
    }

    @Test
    void forgottenConnectionsAreDecidedAgain() throws Exception {
        HostsAccess access = rules("echo: 127.0.0.2 127.0.0.3\n", "echo: ALL\n");
        HostsAccessInterceptor interceptor = HostsAccessInterceptor.forDaemon(access, "echo", Loopback.APPLICATION).withMaxConnections(1);
        try (Loopback server = Loopback.start(interceptor)) {
            ManagedChannel two = server.channel("127.0.0.2");
            ManagedChannel three = server.channel("127.0.0.3");
            say(two, "x");
            say(two, "x");
            say(three, "x");
            say(two, "x");
            assertEquals(List.of("127.0.0.2", "127.0.0.3", "127.0.0.2"),
                    decided.stream().map(AccessRequest::clientAddressText).toList());
        }
    }

    @Test
    void badConfigurationIsRefusedWithAClearMessage() throws Exception {
        HostsAccess access = rules("", "");
        for (String bad : List.of("", "two words", "a,b", "a:b")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> HostsAccessInterceptor.forDaemon(access, bad, Loopback.APPLICATION));
            assertTrue(e.getMessage().contains("daemon name"), e.getMessage());
        }
        HostsAccessInterceptor interceptor = HostsAccessInterceptor.forDaemon(access, "echo", Loopback.APPLICATION);
        assertThrows(IllegalArgumentException.class, () -> interceptor.withTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> interceptor.withDescriptionLimit(3));
        assertThrows(IllegalArgumentException.class, () -> interceptor.withMaxConnections(0));
        IllegalStateException perService = assertThrows(IllegalStateException.class,
                () -> HostsAccessInterceptor.perService(access, Loopback.APPLICATION).rejectingTransportFilter());
        assertTrue(perService.getMessage().contains("fixed daemon name"), perService.getMessage());
    }
}
