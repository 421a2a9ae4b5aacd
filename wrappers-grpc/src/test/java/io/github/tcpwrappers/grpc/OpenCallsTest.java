/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.grpc;

import io.github.tcpwrappers.testing.Await;
import io.github.tcpwrappers.testing.BanRules;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.value.Network;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Calls in flight and connections already admitted, when a change denies their client. */
class OpenCallsTest {
    @TempDir
    Path dir;

    private HostsAccess engine(boolean onReload) throws Exception {
        return BanRules.engine(dir, onReload);
    }

    /** A client-streaming call left open: it ends only when the server ends it. */
    private static CompletableFuture<String> openCall(ManagedChannel channel) {
        CompletableFuture<String> reply = new CompletableFuture<>();
        Loopback.collecting(channel, reply).onNext("first");
        return reply;
    }

    private static Status statusOf(CompletableFuture<String> call) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(5, TimeUnit.SECONDS));
        return Status.fromThrowable(e.getCause());
    }

    @Test
    void aBanClosesTheClientsCallsInFlightAndRefusesItsNextCallOnTheSameConnection() throws Exception {
        try (HostsAccess access = engine(false);
                Loopback server = Loopback.start(HostsAccessInterceptor.forDaemon(access, "greeter", Loopback.APPLICATION))) {
            ManagedChannel banned = server.channel("127.0.0.5");
            ManagedChannel other = server.channel("127.0.0.6");
            assertEquals("hello a", Loopback.say(banned, "a"));
            assertEquals("hello b", Loopback.say(other, "b"));
            CompletableFuture<String> inFlight = openCall(banned);
            CompletableFuture<String> othersCall = openCall(other);
            // both reached the service (two says, two calls): waited for, not slept on
            Await.until("both calls in the service", Duration.ofSeconds(10), () -> server.servedCount() == 4);
            long start = System.nanoTime();
            access.ban(dir.resolve("hosts.ban"), Network.parse("127.0.0.5"), Duration.ofHours(1), "abuse");
            Status ended = statusOf(inFlight);
            long took = (System.nanoTime() - start) / 1_000_000;
            assertEquals(Status.Code.PERMISSION_DENIED, ended.getCode());
            assertTrue(ended.getDescription().contains("verdict changed"), ended.getDescription());
            assertTrue(took < 1000, "ended after " + took + " ms");
            StatusRuntimeException next = assertThrows(StatusRuntimeException.class, () -> Loopback.say(banned, "c"));
            assertEquals(Status.Code.PERMISSION_DENIED, next.getStatus().getCode(), "the same connection, decided again");
            assertEquals("hello d", Loopback.say(other, "d"));
            assertTrue(!othersCall.isDone(), "another client's call goes on");
            System.out.println("grpc: call in flight ended " + took + " ms after the ban");
        }
    }

    @ParameterizedTest(name = "endOpenConnectionsOnReload({0})")
    @ValueSource(booleans = {true, false})
    void aReloadEndsCallsInFlightOnlyWhenTheEngineIsBuiltSo(boolean onReload) throws Exception {
        try (HostsAccess access = engine(onReload);
                Loopback server = Loopback.start(HostsAccessInterceptor.forDaemon(access, "greeter", Loopback.APPLICATION))) {
            ManagedChannel client = server.channel("127.0.0.7");
            CompletableFuture<String> inFlight = openCall(client);
            Await.until("the call in the service", Duration.ofSeconds(10), () -> server.servedCount() == 1);
            Files.writeString(dir.resolve("hosts.deny"), "ALL : " + dir.resolve("hosts.ban") + "\ngreeter : 127.0.0.7\n");
            access.reload();
            if (onReload) {
                assertEquals(Status.Code.PERMISSION_DENIED, statusOf(inFlight).getCode());
            } else {
                Thread.sleep(300);
                assertTrue(!inFlight.isDone(), "libwrap decides at connect time only: the call goes on");
            }
            // A new call is decided under the new rules either way (the interceptor's rule: once per connection and rule set).
            assertThrows(StatusRuntimeException.class, () -> Loopback.say(client, "x"));
        }
    }
}
