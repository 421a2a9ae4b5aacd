/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.lookup;

import io.github.tcpwrappers.value.HostName;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Run in a child JVM by {@link SystemResolverTest}, whose hosts file the JDK reads through
 * {@code -Djdk.net.hosts.file}: prints what the system back-end says about each address given.
 */
public final class SystemResolverProbe {
    private SystemResolverProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (JdkHostNameResolver resolver = JdkHostNameResolver.builder().timeout(Duration.ofSeconds(5)).build()) {
            for (String address : args) {
                HostName name = resolver.verifiedName(InetAddress.getByName(address)).toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
                System.out.println(address + " " + name);
            }
        }
    }
}
