package io.github.tcpwrappers.benchmarks;

import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

    /** UTF-8 strings on the wire. */
    static final MethodDescriptor.Marshaller<String> UTF8 = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    /** A service answering {@code method} with its request. */
    static io.grpc.ServerServiceDefinition service(MethodDescriptor<String, String> method) {
        return io.grpc.ServerServiceDefinition.builder(method.getServiceName())
                .addMethod(method, io.grpc.stub.ServerCalls.asyncUnaryCall((request, response) -> {
                    response.onNext(request);
                    response.onCompleted();
                }))
                .build();
    }

    /** {@code service/Say}, unary. */
    static MethodDescriptor<String, String> say(String service) {
        return MethodDescriptor.newBuilder(UTF8, UTF8)
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(service, "Say")).build();
    }
}
