/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.crowdsec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.crowdsec.testing.CrowdSecLapi;
import org.junit.jupiter.api.Test;

/** The real LAPI the other tests lean on: what they assume of it holds. */
class CrowdSecLapiTest {
    @Test
    void keepsItsDecisionsAndPortAcrossARestart() throws Exception {
        try (CrowdSecLapi lapi = RealLapi.start()) {
            lapi.cscli("decisions", "add", "-i", "203.0.113.7", "-d", "1h");
            lapi.stop();
            lapi.resume();
            String listed = lapi.cscli("decisions", "list", "-o", "json");
            assertTrue(listed.contains("\"value\": \"203.0.113.7\"") || listed.contains("\"value\":\"203.0.113.7\""), listed);
        }
    }
}
