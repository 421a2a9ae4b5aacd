/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.netty;

import io.github.tcpwrappers.testing.BanRules;
import static io.github.tcpwrappers.netty.Loopback.connect;
import static io.github.tcpwrappers.netty.Loopback.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.value.Network;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Channels that passed the handler end when a change denies their client: a ban at once, a reload when asked. */
class OpenChannelsTest {
    @TempDir
    Path dir;

    private HostsAccess engine(boolean onReload) throws Exception {
        return BanRules.engine(dir, onReload);
    }

    private static boolean echoes(Socket socket, String text) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return read(socket, text).contains(text);
    }

    /** Millis until the server closes the socket (it fails the test past 5 s). */
    private static long closedAfter(Socket socket, long since) throws Exception {
        String rest = Loopback.readUntilClosed(socket);
        assertEquals("", rest, "nothing more from the application");
        return (System.nanoTime() - since) / 1_000_000;
    }

    @Test
    void aBanClosesTheClientsOpenChannelsWithinASecondAndNoOneElses() throws Exception {
        try (HostsAccess access = engine(false); Loopback.Server server = new Loopback.Server(
                new HostsAccessHandler(access, "echo"));
                Socket banned = connect("127.0.0.5", server.v4); Socket bannedToo = connect("127.0.0.5", server.v4);
                Socket other = connect("127.0.0.6", server.v4)) {
            for (Socket s : new Socket[] {banned, bannedToo, other}) {
                assertTrue(read(s, "hello").contains("hello"));
                assertTrue(echoes(s, "before"));
            }
            long start = System.nanoTime();
            access.ban(dir.resolve("hosts.ban"), Network.parse("127.0.0.5"), Duration.ofHours(1), "abuse");
            long took = closedAfter(banned, start);
            closedAfter(bannedToo, start);
            assertTrue(took < 1000, "closed after " + took + " ms");
            assertTrue(echoes(other, "still here"));
            try (Socket again = connect("127.0.0.5", server.v4)) {
                assertEquals("", Loopback.readUntilClosed(again), "refused at connect now");
            }
            System.out.println("netty: banned channel closed " + took + " ms after the ban");
        }
    }

    @ParameterizedTest(name = "endOpenConnectionsOnReload({0})")
    @ValueSource(booleans = {true, false})
    void aReloadThatDeniesAClientClosesItsChannelsOnlyWhenTheEngineIsBuiltSo(boolean onReload) throws Exception {
        try (HostsAccess access = engine(onReload); Loopback.Server server = new Loopback.Server(
                new HostsAccessHandler(access, "echo")); Socket client = connect("127.0.0.7", server.v4)) {
            assertTrue(read(client, "hello").contains("hello"));
            Files.writeString(dir.resolve("hosts.deny"), "ALL : " + dir.resolve("hosts.ban") + "\necho : 127.0.0.7\n");
            access.reload();
            if (onReload) {
                closedAfter(client, System.nanoTime());
            } else {
                assertTrue(echoes(client, "libwrap decides at connect time only"));
            }
        }
    }
}
