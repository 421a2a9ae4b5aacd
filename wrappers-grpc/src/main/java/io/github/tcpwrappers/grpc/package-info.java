/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
/** hosts.allow / hosts.deny for gRPC servers: {@link io.github.tcpwrappers.grpc.HostsAccessInterceptor}. */
package io.github.tcpwrappers.grpc;
