/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
/**
 * {@code tcpdchk} and {@code tcpdmatch} for the JVM engine, as the runnable wrappers-cli jar.
 *
 * <pre>{@code
 * java -jar wrappers-cli.jar tcpdmatch --allow hosts.allow --deny hosts.deny sshd alice@192.0.2.7
 * java -jar wrappers-cli.jar tcpdchk -d -v
 * }</pre>
 */
package io.github.tcpwrappers.cli;
