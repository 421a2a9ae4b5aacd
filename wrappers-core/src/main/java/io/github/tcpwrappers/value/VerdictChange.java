/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.value;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Set;

/**
 * Something that may have turned verdicts around, as the engine tells the doors that keep
 * connections open: they decide again for the clients it {@link #concerns} and end what is now
 * denied. Sent for every change of a bound list (a ban means now) and, when the engine is built
 * with {@code endOpenConnectionsOnReload(true)}, for every reload of the files.
 */
public sealed interface VerdictChange {

    /**
     * {@return whether a client at {@code address} may have a new verdict}
     *
     * @param address the client's address
     */
    boolean concerns(InetAddress address);

    /** Some networks of a bound list came, went or expired. */
    record ListChanged(Path list, Set<Network> networks) implements VerdictChange {
        /**
         * Copies the networks.
         *
         * @param list the bound list that changed
         * @param networks the networks that came, went or expired
         */
        public ListChanged {
            networks = Set.copyOf(networks);
        }

        @Override
        public boolean concerns(InetAddress address) {
            for (Network n : networks) {
                if (n.contains(address)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A bound list was replaced whole (a snapshot, a resync, or a change too large to list). */
    record ListReplaced(Path list) implements VerdictChange {
        @Override
        public boolean concerns(InetAddress address) {
            return true;
        }
    }

    /** The rule files were reloaded; this is load {@code generation}. */
    record RulesReloaded(long generation) implements VerdictChange {
        @Override
        public boolean concerns(InetAddress address) {
            return true;
        }
    }
}
