/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.value;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One lookup the engine made while deciding: a name (reverse, then forward to verify) or an
 * ident user. Heard by an {@code EngineListener}; a metrics binder counts these by kind and result.
 *
 * @param kind what was looked up
 * @param result how it ended
 * @param elapsed how long it took, timeouts included
 */
public record Lookup(Kind kind, Result result, Duration elapsed) {
    /**
     * Checks that no component is null.
     *
     * @param kind what was looked up
     * @param result how it ended
     * @param elapsed how long it took, timeouts included
     */
    public Lookup {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** What a lookup asks for. */
    public enum Kind {
        /** The client's host name, for a pattern that needs it. */
        CLIENT_NAME,
        /** The server's host name ({@code daemon@host} patterns). */
        SERVER_NAME,
        /** The client's user, from its RFC 1413 ident server. */
        USER;

        /**
         * {@return the name in lower case, for tags and JSON: {@code client_name}, {@code server_name},
         * {@code user}}
         */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How a lookup ended. */
    public enum Result {
        /** A verified name, or the user the ident server gave. */
        OK,
        /** No answer within the time limit (the name or user is {@code unknown}). */
        TIMEOUT,
        /** No name or user: an error, no PTR record, or no ident answer ({@code unknown}). */
        FAILED,
        /** The name did not map back to the address (libwrap's {@code paranoid}). */
        PARANOID;

        /** {@return the name in lower case, for tags and JSON} */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
