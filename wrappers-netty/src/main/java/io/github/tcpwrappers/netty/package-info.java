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
