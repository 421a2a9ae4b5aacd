/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.grpc.testing;

import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * gRPC methods whose messages are UTF-8 strings, for the tests and benchmarks that need a real
 * call but no protoc (the grpc test-jar ships this package; the README's quick start keeps its
 * own copy so that it stays one self-contained file).
 *
 * <pre>{@code
 * MethodDescriptor<String, String> say = GrpcStrings.method("test.Echo", "Say", MethodDescriptor.MethodType.UNARY);
 * }</pre>
 */
public final class GrpcStrings {
    /** UTF-8 strings on the wire. */
    public static final MethodDescriptor.Marshaller<String> UTF8 = new Utf8();

    private GrpcStrings() {
    }

    /** {@code service/name} of the given type, taking and answering strings. */
    public static MethodDescriptor<String, String> method(String service, String name, MethodDescriptor.MethodType type) {
        return MethodDescriptor.newBuilder(UTF8, UTF8).setType(type)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(service, name)).build();
    }

    private static final class Utf8 implements MethodDescriptor.Marshaller<String> {
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
    }
}
