/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.testing;

import io.github.tcpwrappers.ReloadStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.TreeSet;

/**
 * The adapters' soak: two hosts.allow sets swapped every 100 ms while clients 127.0.0.1 to
 * 127.0.0.8 are decided, and what each client may see. The sets differ in rule count (5 and 6),
 * so {@link ReloadStatus} read before and after a decision says which sets can have made it.
 * Every client's verdict is known for each set, with DNS answering and without (G granted, D
 * denied; c7 and c8.soak.test are 127.0.0.7 and .8 in the DNS server's records):
 *
 * <pre>
 * client      set A (up/down)  set B (up/down)
 * 127.0.0.1   G G              G G     never changes, never needs a name
 * 127.0.0.2   G G              D D     allowed by address in A, "deny" option in B
 * 127.0.0.3   G G              D D
 * 127.0.0.4   D D              G G     needs a (failing) name lookup in A
 * 127.0.0.5   D D              G G
 * 127.0.0.6   D D              D D     always denied, always looks its name up
 * 127.0.0.7   G D              D D     c7.soak.test: allowed by name in A only
 * 127.0.0.8   G D              G D     c8.soak.test: allowed by name in both
 * </pre>
 *
 * A lookup failure may change only the verdicts libwrap's would change (7 and 8).
 */
public final class SoakRules {
    /** Clients 127.0.0.1 to 127.0.0.(CLIENTS). */
    public static final int CLIENTS = 8;
    /** The DNS server's records for the clients that have names. */
    public static final String[] DNSMASQ_RECORDS = {"--local=/soak.test/", "--host-record=c7.soak.test,127.0.0.7",
        "--host-record=c8.soak.test,127.0.0.8"};
    private static final String[] VERDICTS = {"GGGG", "GGDD", "GGDD", "DDGG", "DDGG", "DDDD", "GDDD", "GDGD"};
    private static final int RULES_A = 5;

    private final String setA;
    private final String setB;
    private final String deny;

    /** The sets for rules naming {@code daemon}. */
    public SoakRules(String daemon) {
        setA = String.join("\n",
                daemon + ": 127.0.0.1",
                daemon + ": 127.0.0.2 127.0.0.3",
                daemon + ": .soak.test",
                "");
        setB = String.join("\n",
                daemon + ": 127.0.0.1",
                daemon + ": 127.0.0.2 : deny",
                daemon + ": 127.0.0.4 127.0.0.5",
                daemon + ": .soak.test EXCEPT c7.soak.test",
                "");
        deny = daemon + ": 127.0.0.4\nALL: ALL\n";
    }

    /** Writes set A as {@code root}'s hosts.allow and the deny table as its hosts.deny. */
    public void writeTo(Path root) throws IOException {
        Files.createDirectories(root);
        Files.writeString(root.resolve("hosts.allow"), setA, StandardCharsets.ISO_8859_1);
        Files.writeString(root.resolve("hosts.deny"), deny, StandardCharsets.ISO_8859_1);
    }

    /**
     * A started thread that replaces {@code root}'s hosts.allow with the other set every 100 ms,
     * atomically (rename over), until interrupted.
     */
    public Thread startSwapping(Path root) {
        Thread swapper = new Thread(() -> {
            boolean b = true;
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(100);
                    Path next = root.resolve("hosts.allow.next");
                    Files.writeString(next, b ? setB : setA, StandardCharsets.ISO_8859_1);
                    Files.move(next, root.resolve("hosts.allow"), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                    b = !b;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "soak-rule-swapper");
        swapper.start();
        return swapper;
    }

    /**
     * The verdicts ({@code 'G'}, {@code 'D'}) client {@code 127.0.0.(client+1)} may get from a
     * decision made between the engine's status {@code before} and {@code after}, while DNS was
     * steady (not switched) or not, and silent or answering when it began.
     */
    public static Set<Character> allowed(int client, ReloadStatus before, ReloadStatus after, boolean dnsSteady,
            boolean silentBefore) {
        Set<Character> allowed = new TreeSet<>();
        boolean[] sets = after.generation() - before.generation() >= 2
                ? new boolean[] {true, true}
                : new boolean[] {before.ruleCount() == RULES_A || after.ruleCount() == RULES_A,
                    before.ruleCount() != RULES_A || after.ruleCount() != RULES_A};
        String row = VERDICTS[client];
        for (int set = 0; set < 2; set++) {
            if (!sets[set]) {
                continue;
            }
            if (!dnsSteady || !silentBefore) {
                allowed.add(row.charAt(set * 2));
            }
            if (!dnsSteady || silentBefore) {
                allowed.add(row.charAt(set * 2 + 1));
            }
        }
        return allowed;
    }

    /** What a mistake's message says of the rules and DNS around it. */
    public static String circumstances(ReloadStatus before, ReloadStatus after, boolean dnsSteady,
            boolean silentBefore) {
        return String.format("generations %d..%d, rules %d..%d, DNS %s", before.generation(), after.generation(),
                before.ruleCount(), after.ruleCount(), dnsSteady ? (silentBefore ? "silent" : "answering") : "switched");
    }
}
