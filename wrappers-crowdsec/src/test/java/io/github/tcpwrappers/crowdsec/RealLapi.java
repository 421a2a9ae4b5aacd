/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
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
