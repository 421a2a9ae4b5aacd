/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.crowdsec;

/** A CrowdSec machine's credentials ({@code cscli machines add NAME --auto -f FILE} writes them). */
record Machine(String login, String password) {
    Machine {
        if (login.isBlank() || password.isEmpty()) {
            throw new IllegalArgumentException("a machine has a login and a password");
        }
    }

    @Override
    public String toString() {
        return "Machine[" + login + "]"; // never the password
    }
}
