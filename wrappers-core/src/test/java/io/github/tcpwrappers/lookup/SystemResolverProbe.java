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
