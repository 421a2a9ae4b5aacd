/*
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
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
