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
package io.github.tcpwrappers.spi;

/**
 * Answers {@code @netgroup} patterns, as libwrap's call to {@code innetgr(group, host, NULL,
 * domain)} does. Called while deciding, so an implementation must answer from memory.
 *
 * <pre>{@code
 * NetgroupResolver trusted = (group, host) -> group.equals("admins") && host.endsWith(".corp.example");
 * }</pre>
 */
@FunctionalInterface
public interface NetgroupResolver {

    /** The default: no netgroups, as on a system without NIS. */
    NetgroupResolver NONE = (netgroup, host) -> false;

    /**
     * Whether the host is in the netgroup.
     *
     * @param netgroup the name after {@code @}
     * @param host the client's verified host name, or libwrap's literal {@code unknown} /
     *     {@code paranoid} when it has none
     * @return whether the netgroup lists the host
     */
    boolean contains(String netgroup, String host);
}
