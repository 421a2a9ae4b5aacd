/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spi;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Asks the client's RFC 1413 (ident) server who owns the connection. Asked only when a reached
 * {@code user@host} pattern, {@code %u} or an {@code rfc931} option needs the user.
 */
@FunctionalInterface
public interface IdentResolver {

    /**
     * The user name, or empty when the client does not say within the timeout.
     *
     * @param client the client's end of the connection
     * @param server the server's end of the connection
     * @param timeout libwrap's rfc931 timeout (10 s unless the rule's {@code rfc931} option says)
     * @return the user, or empty
     */
    CompletionStage<Optional<String>> user(InetSocketAddress client, InetSocketAddress server, Duration timeout);

    /** {@return A resolver that never learns a user} */
    static IdentResolver none() {
        return (client, server, timeout) -> CompletableFuture.completedFuture(Optional.empty());
    }
}
