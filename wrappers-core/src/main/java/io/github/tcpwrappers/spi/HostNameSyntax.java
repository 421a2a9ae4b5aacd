/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spi;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * What a name in a PTR answer must be before anyone looks it up forward or matches it: the one
 * check every {@link io.github.tcpwrappers.spi.HostNameResolver} here applies, so that all of them
 * give the same client the same name.
 *
 * <pre>{@code
 * if (!HostNameSyntax.acceptsPtrName(claimed)) {
 *     return HostName.unknown(); // no name, as libwrap on glibc sees it
 * }
 * }</pre>
 */
public final class HostNameSyntax {
    /**
     * The longest name libwrap can hold, in bytes: its host name buffer is 128 bytes with the
     * terminating NUL. Debian's libwrap asks {@code getnameinfo} for the name into that buffer,
     * and a longer name fails the call, so the client has no name at all.
     */
    public static final int MAX_LENGTH = 127;

    private HostNameSyntax() {
    }

    /**
     * Whether a PTR answer's name is one libwrap would ever see and match: a host name
     * ({@link #isHostName}) that fits libwrap's buffer ({@link #fits}). A name that fails is no
     * name ({@code unknown}); in particular a long name is never cut to 127 bytes, which would
     * let a client who writes its own PTR record pick the {@code .domain} rule it matches.
     *
     * @param name the name a PTR record answered
     * @return whether the name may be matched against patterns
     */
    public static boolean acceptsPtrName(String name) {
        return isHostName(name) && fits(name);
    }

    /**
     * Letters, digits, {@code -} and {@code _} in dot-separated labels of 1 to 63 characters,
     * 253 in all: roughly glibc's check on PTR answers. Anything else (blanks, {@code ;},
     * control characters, non-ASCII) is not a name we trust to compare with patterns.
     *
     * @param name the name to check
     * @return whether it has host name syntax
     */
    public static boolean isHostName(String name) {
        if (name.isEmpty() || name.length() > 253) {
            return false;
        }
        int label = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.') {
                if (label == 0) {
                    return false;
                }
                label = 0;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_') {
                if (++label > 63) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return label > 0;
    }

    /**
     * {@return whether the name's UTF-8 bytes fit libwrap's buffer ({@link #MAX_LENGTH} bytes at
     * most)}
     *
     * @param name the name to measure
     */
    public static boolean fits(String name) {
        // A host name is ASCII, so its length is its byte count; only other text needs encoding.
        return name.length() <= MAX_LENGTH && name.getBytes(StandardCharsets.UTF_8).length <= MAX_LENGTH;
    }

    /**
     * The name a PTR query asks for: {@code 4.3.2.1.in-addr.arpa.}, or the nibble form under
     * {@code ip6.arpa.} (lower case), as every resolver here writes it.
     *
     * @param address the address to name
     * @return the name a PTR query asks for
     */
    public static String reverseName(InetAddress address) {
        byte[] b = address.getAddress();
        StringBuilder out = new StringBuilder(b.length == 4 ? 30 : 74);
        for (int i = b.length - 1; i >= 0; i--) {
            if (b.length == 4) {
                out.append(b[i] & 0xFF).append('.');
            } else {
                out.append(Character.forDigit(b[i] & 0x0F, 16)).append('.')
                        .append(Character.forDigit((b[i] >> 4) & 0x0F, 16)).append('.');
            }
        }
        return out.append(b.length == 4 ? "in-addr.arpa." : "ip6.arpa.").toString();
    }
}
