/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.value;

/**
 * An option a matched rule ran, in order.
 *
 * @param name the name as written in the file (case kept)
 * @param value the value after %-expansion (spawn, twist, setenv, aclexec) and trimming; empty
 *     when the option has none
 */
public record AppliedOption(String name, String value) {
}
