/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.netty;

import static io.github.tcpwrappers.netty.Loopback.connect;
import static io.github.tcpwrappers.netty.Loopback.read;
import static io.github.tcpwrappers.netty.Loopback.readUntilClosed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.HostsAccess;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The handler on a class path without netty-codec-haproxy, netty-resolver-dns and
 * netty-codec-dns (their pom entries are optional). Runs in the surefire execution
 * {@code without-optional-codecs}, which leaves those jars out and sets the property; the
 * default execution has them and skips this class.
 */
@EnabledIfSystemProperty(named = "netty.optional.absent", matches = "true")
class OptionalCodecsAbsentTest {
    @TempDir
    Path dir;

    @Test
    void theOptionalJarsAreReallyAbsent() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.netty.handler.codec.haproxy.HAProxyMessage"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.netty.resolver.dns.DnsNameResolver"));
    }

    @Test
    void theHandlerGrantsDeniesAndSendsBannersWithoutThem() throws Exception {
        Files.writeString(dir.resolve("hosts.allow"), "echo: 127.0.0.2\n");
        Path banners = Files.createDirectory(dir.resolve("banners"));
        Files.writeString(banners.resolve("echo"), "go away %a\n");
        Files.writeString(dir.resolve("hosts.deny"), "echo: ALL: banners " + banners + "\n");
        try (HostsAccess access = HostsAccess.builder().directory(dir).build();
                Loopback.Server server = new Loopback.Server(new HostsAccessHandler(access, "echo"))) {
            try (Socket granted = connect("127.0.0.2", server.v4)) {
                assertTrue(read(granted, "\r\n").startsWith("hello"), "the application greets a granted client");
            }
            try (Socket denied = connect("127.0.0.3", server.v4)) {
                assertEquals("go away 127.0.0.3\r\n", readUntilClosed(denied));
            }
        }
    }

    @Test
    void trustingProxyHeadersWithoutTheCodecIsRefusedWhenTheHandlerIsMade() throws Exception {
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), "");
        try (HostsAccess access = HostsAccess.builder().directory(dir).build()) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new HostsAccessHandler(access,
                    "echo", HostsAccessHandler.Settings.defaults().trustProxyProtocol(Duration.ofSeconds(1))));
            assertTrue(refused.getMessage().contains("netty-codec-haproxy"), refused.getMessage());
        }
    }
}
