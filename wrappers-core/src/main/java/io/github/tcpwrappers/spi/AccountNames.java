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

import java.util.Set;

/**
 * The user and group names the {@code user} and {@code group} options must name. libwrap fails
 * a rule (denies) whose user or group does not exist; the options themselves cannot act inside
 * a JVM. The machine's own names come from {@code files.SystemAccounts}; the language only asks.
 */
public interface AccountNames {

    /**
     * {@return whether a user of that exact name exists}
     *
     * @param name the user name, as an option wrote it
     */
    boolean userExists(String name);

    /**
     * {@return whether a group of that exact name exists}
     *
     * @param name the group name, as an option wrote it
     */
    boolean groupExists(String name);

    /**
     * A fixed table.
     *
     * @param users the user names that exist
     * @param groups the group names that exist
     * @return names answered from the two sets
     */
    static AccountNames of(Set<String> users, Set<String> groups) {
        Set<String> u = Set.copyOf(users);
        Set<String> g = Set.copyOf(groups);
        return new AccountNames() {
            @Override
            public boolean userExists(String name) {
                return u.contains(name);
            }

            @Override
            public boolean groupExists(String name) {
                return g.contains(name);
            }
        };
    }
}
