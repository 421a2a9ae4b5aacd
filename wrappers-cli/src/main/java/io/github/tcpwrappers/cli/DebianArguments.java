/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.cli;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.evaluation.Facts;
import io.github.tcpwrappers.files.SystemInterfaces;
import io.github.tcpwrappers.language.CText;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * How Debian's tcpdmatch (tcpd 7.6.q) reads {@code daemon[@server]} and {@code [user@]client},
 * found by running /usr/sbin/tcpdmatch on each form (pinned by {@code DebianTcpdmatchTest}):
 *
 * <ul>
 * <li>Both split at the first {@code @}. A daemon starting with {@code /} is cut to its last
 *     component. An empty user is an unknown one; an empty daemon stays empty.
 * <li>Every field taken from the command line is sanitised as percent_x does (each byte outside
 *     {@code A-Za-z0-9!%+,-./:=@_} becomes {@code _}) and matched as such.
 * <li>A client is an <em>address</em>, kept as the text given and never looked up (tcpdmatch
 *     predicts "what tcpd would do when client name lookup fails"), when it is four dot-separated
 *     runs that inet_addr takes ({@code 0x0a.1.2.3}, {@code 10.0.0.01}) or an IPv6 address
 *     getaddrinfo takes ({@code ::ffff:0:1}, {@code fe80::1%lo}; no brackets). {@code unknown}
 *     and {@code paranoid} (any case) are names. Anything else is a host: resolved as getaddrinfo
 *     resolves it (the other inet_aton forms, {@code 10}, {@code 0x7f.1}, {@code 255.255.255.255},
 *     are numbers; the rest names), each address checked, its name looked up at once.
 * <li>A server is resolved the same way unless it is {@code unknown} or {@code paranoid}; its
 *     address is shown canonical ({@code 10.0.0.01} is 10.0.0.1) and its name looked up at once.
 *     A server name with more than one address is refused.
 * </ul>
 */
final class DebianArguments {
    /** libwrap's NOT_INADDR: a character other than digits, dots and slashes. */
    private static final String INADDR_CHARS = "0123456789./";

    private DebianArguments() {
    }

    /** One end of the connection as the arguments give it, before deciding. */
    record End(Optional<String> address, Optional<InetAddress> socket, Optional<String> name, boolean lookUpNow) {
        static End named(String name) {
            return new End(Optional.empty(), Optional.empty(), Optional.of(Facts.sanitized(latin1(name))), false);
        }

        static End literal(String text) {
            return new End(Optional.of(Facts.sanitized(latin1(text))), Optional.empty(), Optional.empty(), false);
        }

        static End resolved(InetAddress address, String text) {
            return new End(Optional.of(text), Optional.of(address), Optional.empty(), true);
        }
    }

    /** How names are resolved to addresses (the JDK's name service, or nothing with --no-dns). */
    interface Names {
        /** Every address of a host name; empty when it has none. */
        List<InetAddress> addresses(String name);
    }

    /** Text people typed to the engine's byte strings. */
    static String latin1(String text) {
        return Patterns.latin1(text);
    }

    /** The user part of {@code [user@]client}: empty when none was given or it is empty. */
    static Optional<String> user(String clientArg) {
        int at = clientArg.indexOf('@');
        return at <= 0 ? Optional.empty() : Optional.of(Facts.sanitized(latin1(clientArg.substring(0, at))));
    }

    /** The host part of {@code [user@]client}. */
    static String clientHost(String clientArg) {
        int at = clientArg.indexOf('@');
        return at < 0 ? clientArg : clientArg.substring(at + 1);
    }

    /** The server part of {@code daemon[@server]}, when there is one. */
    static Optional<String> serverHost(String service) {
        int at = service.indexOf('@');
        return at < 0 ? Optional.empty() : Optional.of(service.substring(at + 1));
    }

    /** The daemon part, a path cut to its last component (with a note saying so). */
    static String daemon(String service, List<String> notes) {
        int at = service.indexOf('@');
        String daemon = at < 0 ? service : service.substring(0, at);
        if (daemon.startsWith("/")) {
            String cut = daemon.substring(daemon.lastIndexOf('/') + 1);
            notes.add(daemon + ": daemon name normalized to: " + cut);
            daemon = cut;
        }
        return Facts.sanitized(latin1(daemon));
    }

    /**
     * The client's ends: one literal address, one name, or each address of a host
     * ({@code keepNames}: a host name that is no number stands for itself, unresolved).
     */
    static List<End> clients(String host, Names names, boolean keepNames) throws UnknownHostException {
        if (CText.dotQuadAddr(host) != CText.INADDR_NONE
                || host.indexOf(':') >= 0 && CText.parseIpv6(host, SystemInterfaces.live()) != null) {
            return List.of(End.literal(host));
        }
        if (isWildcardName(host) || keepNames && !host.isEmpty() && number(host).isEmpty()) {
            return List.of(End.named(host));
        }
        List<End> ends = new ArrayList<>();
        for (InetAddress a : resolve(host, names)) {
            ends.add(End.resolved(a, AccessRequest.format(a)));
        }
        return ends;
    }

    /** The server's end: unknown when none was given, a name, or the one address of a host. */
    static End server(Optional<String> given, Names names) throws UnknownHostException {
        if (given.isEmpty()) {
            return End.named("unknown");
        }
        String host = given.get();
        if (isWildcardName(host)) {
            return End.named(host);
        }
        List<InetAddress> all = resolve(host, names);
        if (all.size() > 1) {
            throw new UnknownHostException(host + " has more than one address; give one address instead");
        }
        InetAddress a = all.get(0);
        return End.resolved(a, AccessRequest.format(a) + zone(host, a));
    }

    /** {@code unknown} or {@code paranoid} in any case, and not address-like: a name, not a host. */
    private static boolean isWildcardName(String host) {
        boolean notInaddr = host.chars().anyMatch(c -> INADDR_CHARS.indexOf(c) < 0);
        return notInaddr && (host.equalsIgnoreCase("unknown") || host.equalsIgnoreCase("paranoid"));
    }

    /** getaddrinfo: a number in any form inet_aton or inet_pton takes, else a name. */
    private static List<InetAddress> resolve(String host, Names names) throws UnknownHostException {
        Optional<InetAddress> number = number(host);
        if (number.isPresent()) {
            return List.of(number.get());
        }
        // Brackets and colons never make a host name (the JDK would take [::1] as an address).
        if (host.indexOf('[') >= 0 || host.indexOf(']') >= 0) {
            throw new UnknownHostException(host + ": not an address (IPv6 is written without brackets)");
        }
        if (host.indexOf(':') >= 0) {
            throw new UnknownHostException(host + ": not an IPv6 address");
        }
        if (host.isEmpty()) {
            throw new UnknownHostException("an empty host is not an address");
        }
        List<InetAddress> found = names.addresses(host);
        if (found.isEmpty()) {
            throw new UnknownHostException("cannot resolve " + host + ": host not found");
        }
        List<InetAddress> distinct = new ArrayList<>();
        for (InetAddress a : new LinkedHashSet<>(found)) {
            distinct.add(a instanceof Inet6Address v6 ? v6Address(v6.getAddress()) : InetAddress.getByAddress(a.getAddress()));
        }
        return distinct;
    }

    /** A numeric host as getaddrinfo(AI_NUMERICHOST) reads it, with no lookup. */
    static Optional<InetAddress> number(String host) {
        try {
            if (host.indexOf(':') >= 0) {
                byte[] v6 = CText.parseIpv6(host, SystemInterfaces.live());
                return v6 == null ? Optional.empty() : Optional.of(v6Address(v6));
            }
            // getaddrinfo takes inet_aton's forms but, unlike inet_aton, nothing after them.
            if (host.chars().anyMatch(c -> CText.isSpace((char) c))) {
                return Optional.empty();
            }
            long v = CText.inetAton(host);
            if (v < 0) {
                return Optional.empty();
            }
            return Optional.of(Inet4Address.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16),
                    (byte) (v >>> 8), (byte) v}));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    /** An IPv6 address that stays IPv6 (the JDK turns ::ffff:a.b.c.d into an IPv4 address). */
    private static InetAddress v6Address(byte[] bytes) throws UnknownHostException {
        return Inet6Address.getByAddress(null, bytes, -1);
    }

    /**
     * The zone getnameinfo prints after a numeric IPv6 server: an interface's name on a
     * link-local address, else the number (glibc's own formatting of a scope id).
     */
    private static String zone(String host, InetAddress address) {
        int percent = host.indexOf('%');
        if (percent < 0 || !(address instanceof Inet6Address)) {
            return "";
        }
        String zone = host.substring(percent + 1);
        byte[] b = address.getAddress();
        boolean linkScoped = (b[0] & 0xFF) == 0xFE && (b[1] & 0xC0) == 0x80
                || (b[0] & 0xFF) == 0xFF && ((b[1] & 0x0F) == 0x01 || (b[1] & 0x0F) == 0x02);
        if (!zone.isEmpty() && zone.charAt(0) >= '0' && zone.charAt(0) <= '9') {
            long index = Long.parseLong(zone);
            if (linkScoped && index <= Integer.MAX_VALUE) {
                try {
                    NetworkInterface nic = NetworkInterface.getByIndex((int) index);
                    if (nic != null) {
                        return "%" + nic.getName();
                    }
                } catch (SocketException e) {
                    // No interface list: glibc prints the number then too.
                }
            }
            return "%" + index;
        }
        return "%" + zone;
    }
}
