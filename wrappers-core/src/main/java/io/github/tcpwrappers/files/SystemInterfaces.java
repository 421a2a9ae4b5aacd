/*
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
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
