/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
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
