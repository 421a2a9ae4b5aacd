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
