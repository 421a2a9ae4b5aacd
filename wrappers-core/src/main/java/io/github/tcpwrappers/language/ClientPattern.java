/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.language;

/** One token of a client list: a host pattern, or {@code user@host}. */
public sealed interface ClientPattern {

    /** The token as written. */
    String text();

    /** Parses one client-list token. */
    static ClientPattern parse(String token, HostPattern.HostListSource lists, InterfaceNames interfaces) {
        int at = token.length() > 1 ? CText.splitAt(token, 1, '@') : -1;
        if (at >= 0) {
            return new UserAtHost(token, StringPattern.parse(token.substring(0, at), interfaces),
                    HostPattern.parse(token.substring(at + 1), lists, interfaces));
        }
        return new Host(token, HostPattern.parse(token, lists, interfaces));
    }

    /** A host pattern on the client end. */
    record Host(String text, HostPattern host) implements ClientPattern {
    }

    /** {@code user@host}: the host first, then the user name (which may need an ident lookup). */
    record UserAtHost(String text, StringPattern user, HostPattern host) implements ClientPattern {
    }
}
