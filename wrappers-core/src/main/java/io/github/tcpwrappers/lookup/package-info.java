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
