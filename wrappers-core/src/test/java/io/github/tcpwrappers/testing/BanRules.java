/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.testing;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.MemoryListSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The rules every bound-list test starts from: an empty hosts.allow, {@code ALL : DIR/hosts.ban} in hosts.deny. */
public final class BanRules {
    private BanRules() {
    }

    /** Writes the three files (hosts.ban empty, as libwrap would read it) and returns hosts.ban. */
    public static Path write(Path dir) throws IOException {
        Path ban = dir.resolve("hosts.ban");
        Files.writeString(ban, "");
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), "ALL : " + ban + "\n");
        return ban;
    }

    /** Whether {@code access} refuses sshd to {@code client} now (decided within 10 s, or the test fails). */
    public static boolean denied(HostsAccess access, String client) {
        try {
            return access.checkBlocking(AccessRequest.of("sshd",
                    new InetSocketAddress(client, 40000), new InetSocketAddress("127.0.0.1", 22)),
                    Duration.ofSeconds(10)).denied();
        } catch (Exception e) {
            throw new AssertionError("no decision for " + client, e);
        }
    }

    /**
     * An engine on {@link #write}'s rules with hosts.ban bound to an in-memory list, no periodic
     * reload, and reloads that end open connections when {@code endOnReload}.
     */
    public static HostsAccess engine(Path dir, boolean endOnReload) throws IOException {
        Path ban = write(dir);
        return HostsAccess.builder().directory(dir).reloadInterval(Duration.ofHours(1))
                .endOpenConnectionsOnReload(endOnReload)
                .bindList(ban, MemoryListSource.named("bans")).build();
    }
}
