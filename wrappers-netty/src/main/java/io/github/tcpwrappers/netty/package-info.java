/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
/**
 * The engine as Netty handlers: {@link io.github.tcpwrappers.netty.HostsAccessHandler} decides
 * each new channel against hosts.allow / hosts.deny, and
 * {@link io.github.tcpwrappers.netty.NettyDnsHostNameResolver} verifies client names through
 * Netty's asynchronous DNS resolver.
 *
 * <pre>{@code
 * HostsAccess access = HostsAccess.builder().directory(Path.of("/etc")).build();
 * HostsAccessHandler wrappers = new HostsAccessHandler(access, "echo");   // share it
 * bootstrap.childHandler(new ChannelInitializer<SocketChannel>() {
 *     protected void initChannel(SocketChannel ch) {
 *         ch.pipeline().addLast(wrappers, new EchoHandler());
 *     }
 * });
 * }</pre>
 */
package io.github.tcpwrappers.netty;
