/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import io.github.tcpwrappers.value.FileVersion;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The state of the live rule files.
 *
 * @param generation the number of the load in force (1 for the first)
 * @param loadedAt when the rules in force were loaded
 * @param ruleCount how many rules are in force
 * @param files every file and directory the rules in force were read from, as they were then
 * @param lastRefusal the most recent attempt strict mode refused, if it came after the load in force
 */
public record ReloadStatus(long generation, Instant loadedAt, int ruleCount, Map<Path, FileVersion> files,
        Optional<ReloadEvent> lastRefusal) {
    /**
     * Copies the files.
     *
     * @param generation the number of the load in force (1 for the first)
     * @param loadedAt when the rules in force were loaded
     * @param ruleCount how many rules are in force
     * @param files every file and directory the rules in force were read from, as they were then
     * @param lastRefusal the most recent attempt strict mode refused, if it came after the load in
     *     force
     */
    public ReloadStatus {
        files = Map.copyOf(files);
    }
}
