/*
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
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
