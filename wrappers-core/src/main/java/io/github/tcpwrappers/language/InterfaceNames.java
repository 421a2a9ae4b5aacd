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
package io.github.tcpwrappers.language;

import java.util.Set;

/**
 * The one question the language has for the machine: whether a name is one of its network
 * interfaces (glibc's {@code if_nametoindex}), asked for the {@code %zone} of a link-local IPv6
 * address. The edge answers it ({@code files.SystemInterfaces} asks the JDK each time, as glibc
 * asks the kernel each time); the language only asks, so it stays pure.
 *
 * <pre>{@code
 * RuleTable table = RuleTable.parse("/etc/hosts.allow", text, accounts, lists, InterfaceNames.of(Set.of("eth0")));
 * }</pre>
 */
@FunctionalInterface
public interface InterfaceNames {
    /** No interface at all: only numeric zones are accepted. */
    InterfaceNames NONE = name -> false;

    /** Whether an interface of that exact name exists (the name as text, at most 15 bytes). */
    boolean exists(String name);

    /** A fixed set of names. */
    static InterfaceNames of(Set<String> names) {
        Set<String> copy = Set.copyOf(names);
        return copy::contains;
    }
}
