/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The system back-end (InetAddress) reading a hosts file. The JDK reads its hosts file once per
 * JVM, so the probe runs in a child JVM given {@code -Djdk.net.hosts.file}.
 */
class SystemResolverTest {

    @Test
    void systemResolverHonoursTheHostsFile(@TempDir Path dir) throws Exception {
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, """
                # test hosts file
                127.0.0.2   good.example.com good
                fd00::2     six.example.com
                127.0.0.3   other.example.com
                127.0.0.33  other.example.com
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process probe = new ProcessBuilder(java, "-Djdk.net.hosts.file=" + hosts, "-cp",
                System.getProperty("java.class.path"), SystemResolverProbe.class.getName(),
                "127.0.0.2", "fd00::2", "127.0.0.3", "127.0.0.33", "127.0.0.4")
                .redirectErrorStream(true).start();
        assertTrue(probe.waitFor(60, TimeUnit.SECONDS), "the probe JVM did not finish");
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, probe.exitValue(), out);
        assertEquals(List.of(
                "127.0.0.2 Verified[name=good.example.com]",
                "fd00::2 Verified[name=six.example.com]",
                "127.0.0.3 Verified[name=other.example.com]",
                "127.0.0.33 Verified[name=other.example.com]",
                "127.0.0.4 Unknown[]"), out.lines().filter(l -> l.startsWith("127.") || l.startsWith("fd00")).toList(), out);
    }
}
