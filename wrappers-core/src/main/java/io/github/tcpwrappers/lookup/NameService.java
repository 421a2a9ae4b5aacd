/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.lookup;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * One blocking back-end for {@link JdkHostNameResolver}. Called only on the resolver's own
 * threads. An exception means "could not find out" (the name becomes unknown); an empty answer
 * means the DNS said there is none.
 */
interface NameService {

    /** The name a PTR lookup gives for the address (first one, as returned), or empty if none. */
    Optional<String> reverse(InetAddress address) throws Exception;

    /** The addresses the name has in the address's family; empty when the name has none. */
    List<InetAddress> forward(String name, InetAddress family) throws Exception;
}
