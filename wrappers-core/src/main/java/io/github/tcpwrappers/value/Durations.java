/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.value;

import java.time.Duration;
import java.util.Objects;

/**
 * The one check of a duration setting, used by every builder of the engine and its modules so
 * that each names the setting the same way in its error.
 *
 * <pre>{@code
 * this.timeout = Durations.positive("query timeout", timeout);
 * }</pre>
 */
public final class Durations {

    private Durations() {
    }

    /**
     * {@code d}, if it is longer than zero.
     *
     * @param what the setting, named in the message
     * @param d the duration
     * @return {@code d}
     * @throws IllegalArgumentException naming {@code what} for zero or less
     */
    public static Duration positive(String what, Duration d) {
        if (Objects.requireNonNull(d, what).isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
        return d;
    }

    /**
     * {@code d}, if it is zero or longer.
     *
     * @param what the setting, named in the message
     * @param d the duration
     * @return {@code d}
     * @throws IllegalArgumentException naming {@code what} for a negative duration
     */
    public static Duration notNegative(String what, Duration d) {
        if (Objects.requireNonNull(d, what).isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, got " + d);
        }
        return d;
    }
}
