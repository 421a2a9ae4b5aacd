package io.github.tcpwrappers.crowdsec;

import io.github.tcpwrappers.crowdsec.testing.CrowdSecLapi;
import org.junit.jupiter.api.Assumptions;

/** Starts the real LAPI for a test, or skips the test with one line where CrowdSec is not unpacked (fails under CI=true). */
final class RealLapi {
    private RealLapi() {
    }

    static CrowdSecLapi start() throws Exception {
        try {
            return CrowdSecLapi.start();
        } catch (CrowdSecLapi.NotUnpacked e) {
            return skip(e);
        }
    }

    static CrowdSecLapi start(CrowdSecLapi.Tls tls) throws Exception {
        try {
            return CrowdSecLapi.start(tls);
        } catch (CrowdSecLapi.NotUnpacked e) {
            return skip(e);
        }
    }

    private static CrowdSecLapi skip(CrowdSecLapi.NotUnpacked e) {
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(e.getMessage(), e);
        }
        Assumptions.abort(e.getMessage() + "; CrowdSec tests skipped");
        throw new AssertionError("unreachable");
    }
}
