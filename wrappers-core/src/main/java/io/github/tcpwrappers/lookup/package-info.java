/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
/**
 * Lookups the rules need, with nothing but the JDK: verified client and server names
 * ({@link io.github.tcpwrappers.lookup.JdkHostNameResolver}, cached by
 * {@link io.github.tcpwrappers.lookup.CachingHostNameResolver}) and the client's RFC 1413 user
 * ({@link io.github.tcpwrappers.lookup.Rfc1413IdentResolver}). None of them blocks its caller.
 *
 * <pre>{@code
 * HostsAccess access = HostsAccess.builder()
 *     .hostNameResolver(CachingHostNameResolver.of(JdkHostNameResolver.system()))
 *     .identResolver(Rfc1413IdentResolver.create())
 *     .build();
 * }</pre>
 */
package io.github.tcpwrappers.lookup;
