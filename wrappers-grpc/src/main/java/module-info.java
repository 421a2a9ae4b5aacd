/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
/** hosts.allow / hosts.deny as a gRPC server interceptor: {@link io.github.tcpwrappers.grpc.HostsAccessInterceptor}. */
module io.github.tcpwrappers.grpc {
    requires transitive io.github.tcpwrappers;
    requires transitive io.grpc;
    // Optional: only ClosingTransports (a grpc-netty server's channels) uses Netty.
    requires static io.netty.transport;
    requires static io.netty.common;

    exports io.github.tcpwrappers.grpc;
}
