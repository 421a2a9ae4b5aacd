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

import io.github.tcpwrappers.crowdsec.testing.CrowdSecLapi;
import io.github.tcpwrappers.testing.Peers;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real LAPI for a test class, started before its tests and stopped after them, or the class
 * skipped with one line where CrowdSec is not unpacked (failed under CI=true).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RealLapi LAPI = new RealLapi();
 * ... LAPI.get().cscli("decisions", "add", "-i", "203.0.113.7", "-d", "1h");
 * }</pre>
 */
final class RealLapi implements BeforeAllCallback, AfterAllCallback {
    private CrowdSecLapi lapi;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        lapi = start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (lapi != null) {
            lapi.close();
        }
    }

    /** The running LAPI. */
    CrowdSecLapi get() {
        return lapi;
    }

    static CrowdSecLapi start() throws Exception {
        return CrowdSecLapi.startOrSkip();
    }

    static CrowdSecLapi start(CrowdSecLapi.Tls tls) throws Exception {
        try {
            return CrowdSecLapi.start(tls);
        } catch (CrowdSecLapi.NotUnpacked e) {
            return skip(e);
        }
    }

    private static CrowdSecLapi skip(CrowdSecLapi.NotUnpacked e) {
        return Peers.fromEnvironment().absent(e.getMessage() + "; CrowdSec tests skipped");
    }
}
