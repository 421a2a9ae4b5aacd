/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.files.FileAccess;
import io.github.tcpwrappers.value.Decision;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files too big to be honest: refused with the reason, or read within the engine's bounds. */
class HostileFilesTest {
    @TempDir
    Path dir;

    @Test
    void aTableOverTheSizeLimitIsRefusedWithoutBeingReadWhole() throws Exception {
        try (RandomAccessFile file = new RandomAccessFile(dir.resolve("hosts.deny").toFile(), "rw")) {
            file.setLength(FileAccess.MAX_FILE_BYTES + 1); // sparse: 64 MiB and one byte of NULs
        }
        RulesRejectedException refused = assertThrows(RulesRejectedException.class,
                () -> HostsAccess.builder().directory(dir).build());
        assertTrue(refused.getMessage().contains(dir.resolve("hosts.deny") + ":0: cannot open: File too large"),
                refused.getMessage());
        try (HostsAccess access = HostsAccess.builder().directory(dir).mode(Mode.LIBWRAP).build()) {
            Decision d = access.checkBlocking(request("10.0.0.1"), Duration.ofSeconds(5));
            assertTrue(d.denied(), "libwrap denies everyone when hosts.deny cannot be read");
        }
    }

    @Test
    void aListOfAHundredThousandAddressesIsReadOnceAndMatchedToItsEnd() throws Exception {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            list.append("10.").append(i >> 16).append('.').append((i >> 8) & 0xFF).append('.').append(i & 0xFF)
                    .append(i % 8 == 7 ? '\n' : ' ');
        }
        Files.writeString(dir.resolve("clients"), list, StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("hosts.allow"), "sshd: " + dir.resolve("clients") + "\n");
        Files.writeString(dir.resolve("hosts.deny"), "ALL: ALL\n");
        long start = System.nanoTime();
        HostsAccess built = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> HostsAccess.builder().directory(dir).build());
        long loaded = System.nanoTime();
        try (HostsAccess access = built) {
            Decision last = access.checkBlocking(request("10.1.134.159"), Duration.ofSeconds(30)); // entry 99,999
            long decided = System.nanoTime();
            assertTrue(last.granted());
            assertEquals(1, last.rule().orElseThrow().line());
            assertTrue(access.checkBlocking(request("10.2.0.0"), Duration.ofSeconds(30)).denied());
            System.out.printf("100,000-address list: loaded in %d ms, worst-case decision %.1f ms%n",
                    (loaded - start) / 1_000_000, (decided - loaded) / 1e6);
        }
    }

    private static AccessRequest request(String client) {
        return AccessRequest.of("sshd", new InetSocketAddress(client, 40000), new InetSocketAddress("127.0.0.1", 22));
    }
}
