/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import io.github.tcpwrappers.value.Network;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One request to decide: the daemon (service) name, the client end and the server end.
 * Names and the ident user are normally absent and looked up only when a rule needs them; give
 * them when you already know them (tcpdmatch does).
 *
 * <pre>{@code
 * AccessRequest request = AccessRequest.of("sshd", channel.remoteAddress(), channel.localAddress());
 * }</pre>
 *
 * @param daemon the daemon name rules name in their daemon list ({@code sshd}, {@code in.ftpd})
 * @param client the client's address and port, absent for a Unix socket or an unknown peer
 * @param server the server's address and port, absent when unknown
 * @param clientName the client's host name when already known (else looked up on demand)
 * @param serverName the server's host name when already known
 * @param user the client's user name when already known (else asked of ident on demand)
 */
public record AccessRequest(String daemon, Optional<InetSocketAddress> client, Optional<InetSocketAddress> server,
        Optional<String> clientName, Optional<String> serverName, Optional<String> user) {

    /**
     * @param daemon the daemon name rules name in their daemon list ({@code sshd}, {@code in.ftpd})
     * @param client the client's address and port, absent for a Unix socket or an unknown peer
     * @param server the server's address and port, absent when unknown
     * @param clientName the client's host name when already known (else looked up on demand)
     * @param serverName the server's host name when already known
     * @param user the client's user name when already known (else asked of ident on demand)
     * @throws IllegalArgumentException when the daemon name is one no rule could name (see
     *     {@link #requireDaemonName})
     */
    public AccessRequest {
        requireDaemonName(daemon);
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(clientName, "clientName");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(user, "user");
    }

    /**
     * Checks a daemon name once, where a door is configured, with the same rule every request
     * is held to: not empty, and no blank, control character, {@code ,} or {@code :} (a rule's
     * daemon list ends at its first {@code :} and is split at blanks and commas, so no rule
     * could name it; only {@code ALL} would match).
     *
     * <pre>{@code
     * this.daemon = AccessRequest.requireDaemonName(daemon); // in a door's factory
     * }</pre>
     *
     * @param daemon the daemon name a door will ask for
     * @return the name
     * @throws IllegalArgumentException naming the name and what is wrong with it
     */
    public static String requireDaemonName(String daemon) {
        Objects.requireNonNull(daemon, "daemon");
        if (daemon.isEmpty()) {
            throw new IllegalArgumentException("daemon name must not be empty");
        }
        for (int i = 0; i < daemon.length(); i++) {
            char c = daemon.charAt(i);
            if (c <= ' ' || c == ',' || c == ':' || c == 0x7F) {
                throw new IllegalArgumentException("daemon name '" + daemon + "' has "
                        + (c == ',' || c == ':' ? "'" + c + "'" : "a blank or control character")
                        + " at " + i + ": no rule could name it (one word, without ',' or ':')");
            }
        }
        return daemon;
    }

    /**
     * A request for a connection; socket addresses that are not IP (Unix sockets, local
     * channels) count as unknown, as libwrap sees them.
     *
     * @param daemon the daemon name rules match
     * @param remote the client's end of the connection
     * @param local the server's end of the connection
     * @return the request, with no name or user known yet
     */
    public static AccessRequest of(String daemon, SocketAddress remote, SocketAddress local) {
        return new AccessRequest(daemon, inet(remote), inet(local), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /**
     * A request for a connection whose ends are known as text, as a servlet container or a PROXY
     * header reports them ({@code 127.0.0.1}, {@code [::1]}, {@code fe80::1%eth0}), parsed
     * without DNS: an end whose text is not a numeric literal is unknown, as libwrap sees a
     * non-IP peer. The server's name is kept when it is a name (not an address literal).
     *
     * <pre>{@code
     * AccessRequest.ofText("shop", http.getRemoteAddr(), http.getRemotePort(), http.getLocalAddr(),
     *         http.getLocalPort(), Optional.of(http.getLocalName()));
     * }</pre>
     *
     * @param daemon the daemon name the rules see
     * @param client the client's address text
     * @param clientPort the client's port
     * @param server the server's address text
     * @param serverPort the server's port
     * @param serverName the server's host name as the door knows it, kept only when it is a name
     * @return the request
     */
    public static AccessRequest ofText(String daemon, String client, int clientPort, String server, int serverPort,
            Optional<String> serverName) {
        Optional<String> name = serverName.map(String::strip)
                .filter(n -> !n.isEmpty() && !n.equals(server) && numeric(n, 0).isEmpty());
        return new AccessRequest(daemon, numeric(client, clientPort), numeric(server, serverPort), Optional.empty(),
                name, Optional.empty());
    }

    /**
     * The socket address a numeric literal and port name; empty for names, blanks and junk. A
     * zone ({@code %eth0}) is dropped: rules cannot name one, and resolving an interface this
     * host lacks would fail.
     */
    static Optional<InetSocketAddress> numeric(String text, int port) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        int scope = s.indexOf('%');
        if (scope >= 0) {
            s = s.substring(0, scope) + (s.endsWith("]") ? "]" : "");
        }
        if (s.isEmpty() || s.indexOf('/') >= 0) {
            return Optional.empty();
        }
        try {
            // Network's parser reads literals only: it never asks DNS.
            InetAddress address = Network.parse(s).address();
            return Optional.of(new InetSocketAddress(address, port >= 0 && port <= 0xFFFF ? port : 0));
        } catch (IllegalArgumentException notNumeric) {
            return Optional.empty();
        }
    }

    private static Optional<InetSocketAddress> inet(SocketAddress address) {
        return address instanceof InetSocketAddress inet && inet.getAddress() != null
                ? Optional.of(inet) : Optional.empty();
    }

    /**
     * This request with the client's user name already known.
     *
     * @param name the user, as the door already knows it
     * @return a copy with that user
     */
    public AccessRequest withUser(String name) {
        return new AccessRequest(daemon, client, server, clientName, serverName, Optional.of(name));
    }

    /**
     * This request with the client's host name already known.
     *
     * @param name the client's host name, as the door already knows it
     * @return a copy with that name
     */
    public AccessRequest withClientName(String name) {
        return new AccessRequest(daemon, client, server, Optional.of(name), serverName, user);
    }

    /**
     * This request with the server's host name already known.
     *
     * @param name the server's host name, as the door already knows it
     * @return a copy with that name
     */
    public AccessRequest withServerName(String name) {
        return new AccessRequest(daemon, client, server, clientName, Optional.of(name), user);
    }

    /** {@return the client address as libwrap prints it ({@code unknown} when absent)} */
    public String clientAddressText() {
        return client.map(a -> format(a.getAddress())).orElse("unknown");
    }

    /** {@return the server address as libwrap prints it ({@code unknown} when absent)} */
    public String serverAddressText() {
        return server.map(a -> format(a.getAddress())).orElse("unknown");
    }

    /**
     * An address as glibc's inet_ntop writes it: dotted IPv4; IPv6 in lower case with the
     * longest run of zero groups compressed, and the IPv4-compatible forms dotted. The JDK
     * reports IPv4-mapped clients as IPv4 already; libwrap compares them as IPv4 anyway.
     *
     * <p>A link-local peer's scope id is left out ({@code fe80::1}, not {@code fe80::1%eth0}):
     * libwrap ignores a zone when it matches, so every door gets libwrap's verdicts, and
     * {@code %a} shows the address alone (tcpd's getnameinfo text would carry the zone).
     *
     * @param address the address to write
     * @return its text
     */
    public static String format(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        if (!(address instanceof Inet6Address)) {
            return "unknown";
        }
        byte[] b = address.getAddress();
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
        }
        int bestBase = -1;
        int bestLen = 0;
        int curBase = -1;
        int curLen = 0;
        for (int i = 0; i < 8; i++) {
            if (words[i] == 0) {
                if (curBase < 0) {
                    curBase = i;
                    curLen = 1;
                } else {
                    curLen++;
                }
            } else if (curBase >= 0) {
                if (bestBase < 0 || curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (curBase >= 0 && (bestBase < 0 || curLen > bestLen)) {
            bestBase = curBase;
            bestLen = curLen;
        }
        if (bestBase >= 0 && bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder out = new StringBuilder(40);
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    out.append(':');
                }
                continue;
            }
            if (i != 0) {
                out.append(':');
            }
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && words[5] == 0xFFFF))) {
                out.append(b[12] & 0xFF).append('.').append(b[13] & 0xFF).append('.')
                        .append(b[14] & 0xFF).append('.').append(b[15] & 0xFF);
                return out.toString();
            }
            out.append(Integer.toHexString(words[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            out.append(':');
        }
        return out.toString();
    }
}
