/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.crowdsec.testing;

import java.util.concurrent.Callable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real LAPI for a test class that needs it in some cases only ({@link FleetSource.Kind#CROWDSEC}):
 * started by the first {@link #call()} (or that case skipped where CrowdSec is not unpacked,
 * failed under CI=true), stopped after the class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LazyLapi LAPI = new LazyLapi();
 * ... FleetSource.start(kind, dir, LAPI)
 * }</pre>
 */
public final class LazyLapi implements Callable<CrowdSecLapi>, AfterAllCallback {
    private CrowdSecLapi lapi;

    @Override
    public synchronized CrowdSecLapi call() throws Exception {
        if (lapi == null) {
            lapi = CrowdSecLapi.startOrSkip();
        }
        return lapi;
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) throws Exception {
        if (lapi != null) {
            lapi.close();
            lapi = null;
        }
    }
}
