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
/**
 * Micrometer meters over the engine's listeners:
 * {@link io.github.tcpwrappers.micrometer.HostsAccessMetrics}.
 *
 * <pre>{@code
 * module my.server {
 *     requires io.github.tcpwrappers.micrometer;
 * }
 * }</pre>
 */
// Micrometer ships no module-info, only the Automatic-Module-Name micrometer.core: javac's lint says so.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.github.tcpwrappers.micrometer {
    requires transitive io.github.tcpwrappers;
    // HostsAccessMetrics is a Micrometer MeterBinder.
    requires transitive micrometer.core;

    exports io.github.tcpwrappers.micrometer;
}
