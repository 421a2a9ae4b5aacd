/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
/**
 * Test support shared by the modules' tests through wrappers-core's test-jar: real peers
 * (dnsmasq, a UDP relay that can go silent), the soak tests' rule sets and verdict table, and
 * checks that a run left no file descriptor, thread or log line behind.
 */
package io.github.tcpwrappers.testing;
