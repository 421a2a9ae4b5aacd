/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.language;

/**
 * One token of a daemon list: a port number (Debian's match_port), a daemon name pattern, or
 * {@code daemon@host} where the host part is matched against the server end.
 */
public sealed interface DaemonPattern {

    /** The token as written. */
    String text();

    /** Parses one daemon-list token. */
    static DaemonPattern parse(String token, HostPattern.HostListSource lists, InterfaceNames interfaces) {
        int at = token.length() > 1 ? CText.splitAt(token, 1, '@') : -1;
        if (at >= 0) {
            return new AtServer(token, daemonOrPort(token.substring(0, at), interfaces),
                    HostPattern.parse(token.substring(at + 1), lists, interfaces));
        }
        return daemonOrPort(token, interfaces);
    }

    private static DaemonPattern daemonOrPort(String token, InterfaceNames interfaces) {
        Long port = CText.scanUnsigned(token);
        if (port != null && port <= 65535) {
            return new Port(token, port.intValue());
        }
        return new Name(token, StringPattern.parse(token, interfaces));
    }

    /** A number: matches the server's port, never the daemon name. */
    record Port(String text, int port) implements DaemonPattern {
    }

    /** A daemon name pattern. */
    record Name(String text, StringPattern pattern) implements DaemonPattern {
    }

    /** {@code daemon@host}: both the daemon name and the server end must match. */
    record AtServer(String text, DaemonPattern daemon, HostPattern server) implements DaemonPattern {
    }
}
