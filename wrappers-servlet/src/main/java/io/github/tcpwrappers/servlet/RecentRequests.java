package io.github.tcpwrappers.servlet;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.servlet.HostsAccessFilter.ServerName;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link AccessRequest}s made for recently seen connection ends. The requests of one
 * keep-alive connection all come with the same addresses and ports; remembering what they
 * parsed to spares each request the parsing, the address objects and the container's
 * {@code getLocalName()}. Slots are overwritten freely: a lost entry is only parsed again.
 */
final class RecentRequests {
    private static final int SLOTS = 64; // a power of two

    private record Entry(String remoteAddr, int remotePort, String localAddr, int localPort, AccessRequest request) {
    }

    private final String daemon;
    private final ServerName serverName;
    // Entries are immutable records, so a racy read sees a whole entry or none.
    private final Entry[] slots = new Entry[SLOTS];

    RecentRequests(String daemon, ServerName serverName) {
        this.daemon = daemon;
        this.serverName = serverName;
    }

    /** The request as the engine sees it; only numeric addresses, never a DNS lookup. */
    AccessRequest of(HttpServletRequest http) {
        String remoteAddr = http.getRemoteAddr();
        int remotePort = http.getRemotePort();
        String localAddr = http.getLocalAddr();
        int localPort = http.getLocalPort();
        int slot = (Objects.hashCode(remoteAddr) * 31 + remotePort) & (SLOTS - 1);
        Entry known = slots[slot];
        if (known != null && known.remotePort == remotePort && known.localPort == localPort
                && Objects.equals(known.remoteAddr, remoteAddr) && Objects.equals(known.localAddr, localAddr)) {
            return known.request;
        }
        // The local name belongs to the local address (the container names its own interface),
        // so it is asked for only here: it costs as much as an address.
        String localName = serverName == ServerName.CONTAINER ? http.getLocalName() : null;
        AccessRequest request = parse(remoteAddr, remotePort, localAddr, localPort, localName);
        slots[slot] = new Entry(remoteAddr, remotePort, localAddr, localPort, request);
        return request;
    }

    private AccessRequest parse(String remoteAddr, int remotePort, String localAddr, int localPort, String localName) {
        Optional<InetSocketAddress> client = NumericAddress.socket(remoteAddr, remotePort);
        Optional<InetSocketAddress> server = NumericAddress.socket(localAddr, localPort);
        Optional<String> name = Optional.empty();
        if (localName != null && !localName.isBlank() && !localName.equals(localAddr)
                && NumericAddress.parse(localName).isEmpty()) {
            name = Optional.of(localName.strip());
        }
        return new AccessRequest(daemon, client, server, Optional.empty(), name, Optional.empty());
    }
}
