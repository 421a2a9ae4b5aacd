/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.servlet;

import io.github.tcpwrappers.testing.BanRules;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.MemoryListSource;
import io.github.tcpwrappers.value.Network;
import jakarta.servlet.DispatcherType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filter decides every request, so a ban reaches the next request of a kept-alive HTTP/1.1 connection. */
class KeepAliveBanTest {
    @TempDir
    Path dir;

    @Test
    void theNextRequestOnAKeptAliveConnectionOfABannedClientIsRefused() throws Exception {
        Path ban = BanRules.write(dir);
        Server server = new Server();
        try (HostsAccess access = HostsAccess.builder().directory(dir).bindList(ban, MemoryListSource.named("bans"))
                .build()) {
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler("/");
            context.addFilter(new FilterHolder(HostsAccessFilter.create(access, "shop")), "/*",
                    EnumSet.of(DispatcherType.REQUEST));
            context.addServlet(new ServletHolder(new EchoServlet()), "/*");
            server.setHandler(context);
            server.start();
            int port = connector.getLocalPort();
            try (RawHttp.Connection banned = new RawHttp.Connection("127.0.0.5", "127.0.0.1", port);
                    RawHttp.Connection other = new RawHttp.Connection("127.0.0.6", "127.0.0.1", port)) {
                assertEquals(200, banned.get("/a").status());
                assertEquals(200, other.get("/a").status());
                access.ban(ban, Network.parse("127.0.0.5"), Duration.ofHours(1), "abuse").toCompletableFuture().join();
                assertEquals(403, banned.get("/b").status(), "the same connection, the next request");
                assertEquals(200, other.get("/b").status());
                access.unban(ban, Network.parse("127.0.0.5")).toCompletableFuture().join();
                assertEquals(200, banned.get("/c").status(), "kept alive across the 403, and let in again");
            }
        } finally {
            server.stop();
        }
    }
}
