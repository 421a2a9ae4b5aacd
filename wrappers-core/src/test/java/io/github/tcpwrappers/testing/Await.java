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
package io.github.tcpwrappers.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for something another thread does (a reload, a log line, a started command), with a limit. */
public final class Await {
    private Await() {
    }

    /** Polls {@code done} every 5 ms; fails naming {@code what} when it is not true within {@code limit}. */
    public static void until(String what, Duration limit, BooleanSupplier done) throws InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out after " + limit.toMillis() + " ms waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
