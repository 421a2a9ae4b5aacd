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
package io.github.tcpwrappers.spi;

import io.github.tcpwrappers.value.HostName;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Finds the verified name of an address, without blocking the caller. Asked only when a reached
 * pattern or expansion needs a name ({@code .example.com}, {@code LOCAL}, {@code KNOWN},
 * {@code %n}, ...). A failed or late stage counts as {@link HostName.Unknown}.
 *
 * <pre>{@code
 * HostsAccess access = HostsAccess.builder().hostNameResolver(myResolver).build();
 * }</pre>
 */
@FunctionalInterface
public interface HostNameResolver {

    /**
     * Reverse lookup, then forward confirmation. Must not block the calling thread.
     *
     * @param address the client's or server's address
     * @return the verified name, or {@code unknown} / {@code paranoid} as libwrap keeps them
     */
    CompletionStage<HostName> verifiedName(InetAddress address);

    /** {@return A resolver that knows no names, like libwrap on a host without DNS} */
    static HostNameResolver none() {
        return address -> CompletableFuture.completedFuture(HostName.unknown());
    }
}
