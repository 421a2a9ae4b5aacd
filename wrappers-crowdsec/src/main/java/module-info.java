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
 * CrowdSec for the rules: {@link io.github.tcpwrappers.crowdsec.CrowdSecBouncer} (the Local
 * API's decisions, in stream mode, as a live list bound to a {@code /file} path) and
 * {@link io.github.tcpwrappers.crowdsec.CrowdSecWatcher} (bans written as CrowdSec decisions).
 *
 * <pre>{@code
 * module my.server {
 *     requires io.github.tcpwrappers.crowdsec;
 * }
 * }</pre>
 */
module io.github.tcpwrappers.crowdsec {
    requires transitive io.github.tcpwrappers;
    // The Local API is spoken over the JDK's HTTP client, its JSON read as Jackson trees (no binding,
    // so nothing is opened to Jackson).
    requires java.net.http;
    requires com.fasterxml.jackson.databind;
    // A pull's status reports the CPU time its parse took (ThreadMXBean).
    requires java.management;
    requires org.slf4j;

    exports io.github.tcpwrappers.crowdsec;
}
