/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.attack;

import static io.github.tcpwrappers.netty.Loopback.connect;
import static io.github.tcpwrappers.netty.Loopback.read;
import static io.github.tcpwrappers.netty.Loopback.readUntilClosed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.netty.HostsAccessHandler;
import io.github.tcpwrappers.netty.Loopback;
import io.github.tcpwrappers.testing.Dnsmasq;
import io.github.tcpwrappers.testing.LongPtrZone;
import io.github.tcpwrappers.value.HostName;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 18 item 1 on the Netty DNS resolver: a forward-confirmed PTR name longer than 127 bytes
 * with {@code .trusted.example} at byte 127 is no name, so {@code echo: .trusted.example} does
 * not grant it; through the real door, the {@link HostsAccessHandler} on a loopback server.
 */
class LongPtrNameAttackTest {
    @TempDir
    static Path rules;
    private static NettyNames names;

    @BeforeAll
    static void start() throws Exception {
        LongPtrZone.writeRules(rules);
        names = NettyNames.over(LongPtrZone.dnsmasq());
    }

    @AfterAll
    static void stop() throws Exception {
        names.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(LongPtrZone.CLIENTS_SOURCE)
    void nettyResolverGivesNoNameThatDoesNotFit(LongPtrZone.Client client) throws Exception {
        HostName name = names.of(client.address());
        assertEquals(client.granted() ? new HostName.Verified(client.name()) : HostName.unknown(), name, names.log());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(LongPtrZone.CLIENTS_SOURCE)
    void handlerRefusesAClientWhoseNameOnlyMatchesWhenCut(LongPtrZone.Client client) throws Exception {
        try (HostsAccess access = HostsAccess.builder().directory(rules).hostNameResolver(names.resolver()).build();
                Loopback.Server server = new Loopback.Server(new HostsAccessHandler(access, "echo"));
                Socket socket = connect(client.address(), server.v4)) {
            // The application greets whom the handler lets through; a refused client sees a close.
            String got = client.granted() ? read(socket, "\r\n") : readUntilClosed(socket);
            assertEquals(client.granted() ? "hello keepalive=false linger=-1\r\n" : "", got, names.log());
        }
    }
}
