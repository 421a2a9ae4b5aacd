/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
/**
 * The engine on Netty: {@link io.github.tcpwrappers.netty.HostsAccessHandler} decides each new
 * channel, {@link io.github.tcpwrappers.netty.NettyDnsHostNameResolver} verifies client names.
 */
package io.github.tcpwrappers.netty;
