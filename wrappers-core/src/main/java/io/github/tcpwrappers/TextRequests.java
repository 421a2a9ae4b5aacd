/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@link AccessRequest}s of one daemon for connection ends a door knows as text (a servlet
 * container's {@code getRemoteAddr()}), remembered for recently seen ends. The requests of one
 * keep-alive connection all come with the same addresses and ports; remembering what they parsed
 * to spares each request the parsing and the address objects, and lets the engine find its
 * remembered decision for the same request object. Thread-safe; slots are overwritten freely
 * (a lost entry is only parsed again).
 *
 * <pre>{@code
 * TextRequests requests = TextRequests.forDaemon("shop");
 * AccessRequest request = requests.of(http.getRemoteAddr(), http.getRemotePort(), http.getLocalAddr(),
 *         http.getLocalPort(), () -> Optional.ofNullable(http.getLocalName()));
 * }</pre>
 */
public final class TextRequests {
    private static final int SLOTS = 64; // a power of two

    private record Entry(String client, int clientPort, String server, int serverPort, AccessRequest request) {
    }

    private final String daemon;
    // Entries are immutable records, so a racy read sees a whole entry or none.
    private final Entry[] slots = new Entry[SLOTS];

    private TextRequests(String daemon) {
        this.daemon = AccessRequest.requireDaemonName(daemon);
    }

    /**
     * Requests for {@code daemon}.
     *
     * @param daemon the daemon name the rules see
     * @return requests for {@code daemon}
     */
    public static TextRequests forDaemon(String daemon) {
        return new TextRequests(daemon);
    }

    /**
     * The request for these ends ({@link AccessRequest#ofText}); {@code serverName} is asked
     * only for an end not seen recently (a container may look it up).
     *
     * @param client the client's address text
     * @param clientPort the client's port
     * @param server the server's address text
     * @param serverPort the server's port
     * @param serverName the server's host name as the door knows it, if it does
     * @return the request for these ends ({@link AccessRequest#ofText})
     */
    public AccessRequest of(String client, int clientPort, String server, int serverPort,
            Supplier<Optional<String>> serverName) {
        int slot = (Objects.hashCode(client) * 31 + clientPort) & (SLOTS - 1);
        Entry known = slots[slot];
        if (known != null && known.clientPort == clientPort && known.serverPort == serverPort
                && Objects.equals(known.client, client) && Objects.equals(known.server, server)) {
            return known.request;
        }
        AccessRequest request = AccessRequest.ofText(daemon, client, clientPort, server, serverPort, serverName.get());
        slots[slot] = new Entry(client, clientPort, server, serverPort, request);
        return request;
    }
}
