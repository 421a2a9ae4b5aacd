/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The inet_ntop text of recently seen addresses. A busy server decides for the same few clients
 * over and over (every request of a keep-alive connection); remembering their text saves a
 * string per request and per side. Slots are overwritten freely: a lost entry is only recomputed.
 */
final class AddressTexts {
    private static final int SLOTS = 64; // a power of two

    private record Entry(InetAddress address, String text) {
    }

    // Entries are immutable records, so a racy read sees a whole entry or none.
    private final Entry[] slots = new Entry[SLOTS];

    /** The text libwrap would print for this end, {@code unknown} when absent. */
    String of(Optional<InetSocketAddress> end) {
        if (end.isEmpty()) {
            return "unknown";
        }
        InetAddress address = end.get().getAddress();
        int slot = address.hashCode() & (SLOTS - 1);
        Entry known = slots[slot];
        if (known != null && known.address.equals(address)) {
            return known.text;
        }
        String text = AccessRequest.format(address);
        slots[slot] = new Entry(address, text);
        return text;
    }
}
