/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING;

import io.github.tcpwrappers.HostsAccess;
import io.grpc.Attributes;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Spring gRPC server (grpc-netty on a random loopback port) whose one service knows nothing of
 * the rules: the starter's global interceptor enforces them.
 */
@SpringBootTest(classes = GrpcServerTest.EchoApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class GrpcServerTest {
    static final Tables TABLES = Tables.create("grpc");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.application.name", () -> "shop");
        registry.add("spring.main.web-application-type", () -> "none");
        registry.add("spring.grpc.server.host", () -> "127.0.0.1");
        registry.add("spring.grpc.server.port", () -> "0");
        // The application's own Health service stands in for any service; Spring gRPC's would clash with it.
        registry.add("spring.grpc.server.health.enabled", () -> "false");
        registry.add("tcpwrappers.directory", TABLES::dir);
        registry.add("tcpwrappers.reload-interval", () -> "100ms");
        registry.add("tcpwrappers.settle-time", () -> "100ms");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class EchoApplication {
        final AtomicInteger served = new AtomicInteger();
        volatile int port;

        /** A service that knows nothing of the rules and counts the calls it served. */
        @Bean
        BindableService service() {
            return new HealthGrpc.HealthImplBase() {
                @Override
                public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> response) {
                    served.incrementAndGet();
                    response.onNext(HealthCheckResponse.newBuilder().setStatus(SERVING).build());
                    response.onCompleted();
                }
            };
        }

        @Bean
        ApplicationListener<GrpcServerStartedEvent> port() {
            return event -> port = event.getPort();
        }
    }

    @Autowired
    EchoApplication app;
    @Autowired
    HostsAccess access;

    /** One call on a new connection from {@code client}. */
    private HealthCheckResponse.ServingStatus call(String client) throws InterruptedException {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", app.port).usePlaintext()
                .localSocketPicker(new NettyChannelBuilder.LocalSocketPicker() {
                    @Override
                    public SocketAddress createSocketAddress(SocketAddress remote, Attributes attrs) {
                        return new InetSocketAddress(client, 0);
                    }
                }).build();
        try {
            return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance()).getStatus();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private Status.Code refusal(String client) {
        return assertThrows(StatusRuntimeException.class, () -> call(client)).getStatus().getCode();
    }

    @Test
    void allowedClientIsServed() throws InterruptedException {
        assertEquals(SERVING, call("127.0.0.1"));
    }

    @Test
    void refusedClientNeverReachesTheService() {
        int before = app.served.get();
        assertEquals(Status.Code.PERMISSION_DENIED, refusal("127.0.0.2"));
        assertEquals(before, app.served.get(), "the service ran for a refused client");
    }

    @Test
    void liveEditTakesEffectWhileRunning() throws InterruptedException {
        assertEquals(Status.Code.PERMISSION_DENIED, refusal("127.0.0.2"));
        try {
            TABLES.allow(Tables.ALLOW + "shop: 127.0.0.2\n");
            Tables.await("127.0.0.2 served after the edit", () -> {
                try {
                    return call("127.0.0.2") == SERVING;
                } catch (StatusRuntimeException | InterruptedException e) {
                    return false;
                }
            });
        } finally {
            TABLES.restore(access);
        }
        assertEquals(Status.Code.PERMISSION_DENIED, refusal("127.0.0.2"));
    }

    @Test
    void brokenEditKeepsTheLastGoodRules() throws InterruptedException {
        try {
            TABLES.allow(Tables.ALLOW + "shop: 127.0.0.2\nthis line has no colon\n");
            Tables.await("the edit refused", () -> access.status().lastRefusal().isPresent());
            assertEquals(Status.Code.PERMISSION_DENIED, refusal("127.0.0.2"));
            assertEquals(SERVING, call("127.0.0.1"));
        } finally {
            TABLES.restore(access);
        }
    }
}
