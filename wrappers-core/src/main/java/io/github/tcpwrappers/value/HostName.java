/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.value;

/**
 * The outcome of looking up a host's name the way libwrap trusts it: a reverse lookup of the
 * address, confirmed by a forward lookup of that name.
 */
public sealed interface HostName {

    /** {@return the text libwrap keeps for it: the name, {@code unknown} or {@code paranoid}} */
    String libwrapText();

    /** A name whose forward lookup contains the address. */
    record Verified(String name) implements HostName {
        @Override
        public String libwrapText() {
            return name;
        }
    }

    /** No name: no PTR record, an error or a timeout. */
    record Unknown() implements HostName {
        @Override
        public String libwrapText() {
            return "unknown";
        }
    }

    /** A name whose forward lookup does not contain the address (possibly forged). */
    record Paranoid(String claimedName) implements HostName {
        @Override
        public String libwrapText() {
            return "paranoid";
        }
    }

    /** {@return the unknown name} */
    static HostName unknown() {
        return UNKNOWN;
    }

    /** Shared instance. */
    HostName UNKNOWN = new Unknown();
}
