/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.testing.StderrLines;
import io.github.tcpwrappers.value.Decision;
import io.github.tcpwrappers.value.Diagnostic;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 item 11: a banner over the size limit (1 MiB) is not sent. Someone who grows a
 * banner past it (or an admin who pastes a large notice) silently removes the notice clients
 * were meant to get; the engine says so, naming the file and the limit, at load and in the log
 * of each decision that would have sent it.
 */
class OversizeBannerAttackTest {
    private static final int LIMIT = 1 << 20;

    @Test
    void aBannerOverTheLimitIsNotSentAndTheEngineSaysSo(@TempDir Path dir) throws Exception {
        Path banners = Files.createDirectories(dir.resolve("banners"));
        Files.write(banners.resolve("sshd"), "x".repeat(LIMIT + 1).getBytes());
        Files.write(banners.resolve("ftpd"), ("y".repeat(LIMIT - 1) + "\n").getBytes());
        Files.writeString(dir.resolve("hosts.allow"), "sshd ftpd: ALL: banners " + banners + "\n");
        Files.writeString(dir.resolve("hosts.deny"), "");
        String message = banners.resolve("sshd") + ": larger than the banner limit of " + LIMIT
                + " bytes: banner not sent";
        try (HostsAccess access = HostsAccess.builder().directory(dir).build();
                StderrLines log = StderrLines.capture()) {
            assertEquals(List.of(Diagnostic.at(Diagnostic.Level.WARNING, dir.resolve("hosts.allow").toString(), 1,
                    message)), access.problems());

            Decision sshd = decide(access, "sshd");
            assertTrue(sshd.granted());
            assertEquals(Optional.empty(), sshd.banner());
            assertTrue(sshd.diagnostics().stream().anyMatch(d -> d.message().equals(message)), sshd.toString());
            assertFalse(log.containing(message).isEmpty(), "the decision's log names the file and the limit");

            // A banner of exactly the limit is still sent, and says nothing.
            Decision ftpd = decide(access, "ftpd");
            assertEquals(LIMIT + 1, ftpd.banner().orElseThrow().length(), "its \\n became \\r\\n");
            assertEquals(List.of(), ftpd.diagnostics());
        }
    }

    private static Decision decide(HostsAccess access, String daemon) throws Exception {
        return access.check(AccessRequest.of(daemon, new InetSocketAddress("127.0.0.9", 40000),
                new InetSocketAddress("127.0.0.1", 21))).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
