/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
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
