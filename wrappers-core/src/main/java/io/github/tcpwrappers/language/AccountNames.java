package io.github.tcpwrappers.language;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The user and group names the {@code user} and {@code group} options must name. libwrap fails
 * a rule (denies) whose user or group does not exist; the options themselves cannot act inside
 * a JVM.
 */
public interface AccountNames {

    /** Whether a user of that exact name exists. */
    boolean userExists(String name);

    /** Whether a group of that exact name exists. */
    boolean groupExists(String name);

    /** The names in {@code /etc/passwd} and {@code /etc/group}, read once. */
    static AccountNames system() {
        Set<String> users = firstColumn(Path.of("/etc/passwd"));
        Set<String> groups = firstColumn(Path.of("/etc/group"));
        return of(users, groups);
    }

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

    private static Set<String> firstColumn(Path file) {
        Set<String> names = new HashSet<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
                int colon = line.indexOf(':');
                if (colon > 0 && !line.startsWith("#")) {
                    names.add(line.substring(0, colon));
                }
            }
        } catch (IOException e) {
            // No account database: every user and group option fails, as getpwnam would.
        }
        return names;
    }
}
