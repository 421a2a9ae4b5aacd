/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import io.github.tcpwrappers.grpc.testing.GrpcStrings;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/** The unary String echo method the gRPC benchmarks call (no protoc: a hand-built descriptor). */
final class GrpcEcho {
    private GrpcEcho() {
    }

    /**
     * Where the interceptor resumes calls held for a lookup; the benchmarks' rules need none, so
     * it stays idle (daemon threads, made on first use).
     */
    static final Executor RESUME = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "grpc-bench-resume");
        thread.setDaemon(true);
        return thread;
    });

    /** A service answering {@code method} with its request. */
    static ServerServiceDefinition service(MethodDescriptor<String, String> method) {
        return ServerServiceDefinition.builder(method.getServiceName())
                .addMethod(method, ServerCalls.asyncUnaryCall((request, response) -> {
                    response.onNext(request);
                    response.onCompleted();
                }))
                .build();
    }

    /** {@code service/Say}, unary. */
    static MethodDescriptor<String, String> say(String service) {
        return GrpcStrings.method(service, "Say", MethodDescriptor.MethodType.UNARY);
    }
}
