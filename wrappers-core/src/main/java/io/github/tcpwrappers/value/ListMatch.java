/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.value;

import java.util.Objects;

/**
 * A bound list's entry that holds an address: which list, from which source, in which state.
 *
 * @param status the list and its source, as they stood when asked
 * @param entry the most specific live entry holding the address
 */
public record ListMatch(ListStatus status, ListEntry entry) {
    /**
     * Checks that no component is null.
     *
     * @param status the list and its source, as they stood when asked
     * @param entry the most specific live entry holding the address
     */
    public ListMatch {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(entry, "entry");
    }
}
