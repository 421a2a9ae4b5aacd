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
