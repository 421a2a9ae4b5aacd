/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.attack;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.lookup.JdkHostNameResolver;
import io.github.tcpwrappers.value.HostName;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Run in a child JVM by {@link LongPtrNameAttackTest} with {@code -Djdk.net.hosts.file}: for
 * each client address, prints the system resolver's name and the verdict on a real connection
 * from that address under the rules in the directory given first.
 */
public final class LongPtrNameProbe {
    private LongPtrNameProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (JdkHostNameResolver names = JdkHostNameResolver.system();
                HostsAccess access = HostsAccess.builder().directory(Path.of(args[0])).hostNameResolver(names)
                        .build()) {
            for (int i = 1; i < args.length; i++) {
                HostName name = names.verifiedName(InetAddress.getByName(args[i])).toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
                boolean granted = LongPtrNameAttackTest.decideOverLoopback(access, args[i]).granted();
                System.out.println(args[i] + " " + name + " " + (granted ? "granted" : "denied"));
            }
        }
    }
}
