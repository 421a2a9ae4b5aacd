/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

/**
 * What an engine does while a bound list has not arrived yet (its source is down at startup).
 * Once a list arrived, an outage keeps the last one in force whatever this says.
 */
public enum ListStartup {
    /** Decide by the file rules with the list empty, and log ERROR until it arrives (the default). */
    SERVE_FILE_RULES,
    /** Refuse every request until every bound list arrived once (fail closed). */
    DENY_ALL
}
