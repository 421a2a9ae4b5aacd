/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 18 item 11: a banner over the 1 MiB limit is never sent; tcpdchk and tcpdmatch say so,
 * naming the banner file and the limit, instead of showing a rule whose banner silently is not.
 */
class OversizeBannerAttackTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"tcpdchk, ''", "tcpdchk, --json", "tcpdmatch, ''", "tcpdmatch, --json"})
    void theToolsNameTheOversizeBannerAndTheLimit(String tool, String json) throws Exception {
        Path banners = Files.createDirectories(dir.resolve("banners"));
        Files.write(banners.resolve("sshd"), new byte[(1 << 20) + 1]);
        Files.writeString(dir.resolve("hosts.allow"), "sshd: ALL: banners " + banners + "\n");
        Files.writeString(dir.resolve("hosts.deny"), "");
        String[] rest = tool.equals("tcpdmatch") ? new String[] {json, "--no-dns", "sshd", "192.0.2.7"}
                : new String[] {json};
        Tools.Run run = Tools.run(dir, tool, Arrays.stream(rest).filter(a -> !a.isEmpty())
                .toArray(String[]::new));
        assertEquals(0, run.status(), run.both());
        assertTrue(run.out().contains(banners.resolve("sshd") + ": larger than the banner limit of 1048576 bytes:"
                + " banner not sent"), run.out());
    }
}
