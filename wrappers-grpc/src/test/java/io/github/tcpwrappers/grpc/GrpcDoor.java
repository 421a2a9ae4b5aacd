/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.grpc;

import io.github.tcpwrappers.Answer;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.contract.Door;
import io.github.tcpwrappers.contract.Expected;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The contract's driver for {@link HostsAccessInterceptor}: a real grpc-netty server per server
 * address (started when first asked for) whose calls go through the current case's interceptor.
 * Each client is a channel bound to its loopback address making one unary call; it observes
 * the reply ({@code OK}: the service ran) or the status code and description.
 */
final class GrpcDoor implements Door {
    /** The interceptor's default description limit. */
    private static final int DESCRIPTION_LIMIT = 1024;

    private final Map<InetAddress, Loopback> servers = new ConcurrentHashMap<>();
    /**
     * A channel per client and server address, kept across cases: each case's interceptor is a
     * new one that has seen no connection, so it decides the kept connection afresh.
     */
    private final Map<List<InetAddress>, ManagedChannel> channels = new ConcurrentHashMap<>();
    private volatile HostsAccessInterceptor current;

    /** Starts the server on 127.0.0.1 at once, so no client's time includes a server's start. */
    GrpcDoor() throws IOException {
        servers.put(InetAddress.getByName("127.0.0.1"), start(InetAddress.getByName("127.0.0.1")));
    }

    @Override
    public String name() {
        return "grpc";
    }

    @Override
    public boolean carriesInput() {
        return false;
    }

    @Override
    public void serve(HostsAccess engine, String daemon) {
        current = HostsAccessInterceptor.forDaemon(engine, daemon, Loopback.APPLICATION);
    }

    @Override
    public Observed ask(InetAddress client, InetAddress server, byte[] input) {
        ManagedChannel channel = channels.computeIfAbsent(List.of(client, server),
                k -> servers.computeIfAbsent(server, this::start).channel(client.getHostAddress()));
        try {
            String reply = Loopback.say(channel, "contract");
            if (!reply.equals("hello contract")) {
                throw new AssertionError("not the service's reply: " + reply);
            }
            return Observed.served("OK");
        } catch (StatusRuntimeException e) {
            return Observed.refused(e.getStatus().getCode() + " " + e.getStatus().getDescription());
        }
    }

    @Override
    public Observed present(Expected expected) {
        if (expected.twist().isPresent()) {
            byte[] output = expected.twist().get().getBytes(StandardCharsets.UTF_8);
            String text = Answer.utf8Prefix(output, DESCRIPTION_LIMIT);
            return refused(text.isBlank() ? expected.banner().orElse("") : text);
        }
        return expected.granted() ? Observed.served("OK") : refused(expected.banner().orElse(""));
    }

    private static Observed refused(String text) {
        String description = Answer.clip(text, DESCRIPTION_LIMIT);
        return Observed.refused("PERMISSION_DENIED " + (description.isEmpty() ? "access denied" : description));
    }

    private Loopback start(InetAddress address) {
        // Each call goes to the current case's interceptor (the server outlives the cases).
        ServerInterceptor delegate = new ServerInterceptor() {
            @Override
            public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
                    ServerCallHandler<ReqT, RespT> next) {
                return current.interceptCall(call, headers, next);
            }
        };
        try {
            return Loopback.start(address.getHostAddress(), delegate, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        servers.values().forEach(Loopback::close);
    }
}
