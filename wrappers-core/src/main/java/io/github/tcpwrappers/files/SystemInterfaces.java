/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.files;

import io.github.tcpwrappers.language.InterfaceNames;
import java.net.NetworkInterface;
import java.net.SocketException;

/** This machine's network interfaces, for the {@code %zone} of a link-local IPv6 address. */
public final class SystemInterfaces {
    private SystemInterfaces() {
    }

    /**
     * Asks the JDK on every question, as glibc's if_nametoindex asks the kernel: an interface
     * that appears after the rules were loaded is seen, as libwrap would see it.
     */
    public static InterfaceNames live() {
        return SystemInterfaces::exists;
    }

    private static boolean exists(String name) {
        try {
            return NetworkInterface.getByName(name) != null;
        } catch (SocketException | RuntimeException e) {
            return false; // no interface table to ask: glibc would fail the same way
        }
    }
}
