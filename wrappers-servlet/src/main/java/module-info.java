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
 * hosts.allow / hosts.deny as a Jakarta Servlet filter: {@link io.github.tcpwrappers.servlet.HostsAccessFilter}.
 *
 * <pre>{@code
 * module my.webapp {
 *     requires io.github.tcpwrappers.servlet;
 * }
 * }</pre>
 */
module io.github.tcpwrappers.servlet {
    requires transitive io.github.tcpwrappers;
    requires transitive jakarta.servlet;
    requires org.slf4j;

    exports io.github.tcpwrappers.servlet;
}
