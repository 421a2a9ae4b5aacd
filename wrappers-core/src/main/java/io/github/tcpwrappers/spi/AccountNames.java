package io.github.tcpwrappers.spi;

import java.util.Set;

/**
 * The user and group names the {@code user} and {@code group} options must name. libwrap fails
 * a rule (denies) whose user or group does not exist; the options themselves cannot act inside
 * a JVM. The machine's own names come from {@code files.SystemAccounts}; the language only asks.
 */
public interface AccountNames {

    /** Whether a user of that exact name exists. */
    boolean userExists(String name);

    /** Whether a group of that exact name exists. */
    boolean groupExists(String name);

    /** A fixed table. */
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
