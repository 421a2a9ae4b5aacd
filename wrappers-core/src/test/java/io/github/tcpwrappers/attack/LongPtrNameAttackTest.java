/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.lookup.JdkHostNameResolver;
import io.github.tcpwrappers.spi.HostNameResolver;
import io.github.tcpwrappers.testing.Dnsmasq;
import io.github.tcpwrappers.testing.LongPtrZone.Client;
import io.github.tcpwrappers.testing.LongPtrZone;
import io.github.tcpwrappers.value.Decision;
import io.github.tcpwrappers.value.HostName;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 18 item 1: a client whose forward-confirmed PTR name is longer than libwrap's 127 bytes,
 * with {@code .trusted.example} at byte 127, must not match {@code echo: .trusted.example}
 * (libwrap on Debian gets no name for it: getnameinfo into a 128-byte buffer fails). Real TCP
 * connections from each client's loopback address; the names come from a real dnsmasq (JDK DNS
 * resolver) or a real hosts file read by the JDK in a child JVM (system resolver).
 */
class LongPtrNameAttackTest {
    @TempDir
    static Path rules;
    private static Dnsmasq dns;

    @BeforeAll
    static void start() throws Exception {
        LongPtrZone.writeRules(rules);
        dns = LongPtrZone.dnsmasq();
    }

    @AfterAll
    static void stop() throws Exception {
        dns.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(LongPtrZone.CLIENTS_SOURCE)
    void jdkDnsResolverGivesNoNameThatDoesNotFitAndTheClientIsRefused(Client client) throws Exception {
        try (JdkHostNameResolver names = JdkHostNameResolver.builder().dnsServer(dns.url())
                .timeout(Duration.ofSeconds(3)).build();
                HostsAccess access = HostsAccess.builder().directory(rules).hostNameResolver(names).build()) {
            HostName name = names.verifiedName(InetAddress.getByName(client.address())).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertEquals(client.granted() ? new HostName.Verified(client.name()) : HostName.unknown(), name,
                    dns.log());
            assertEquals(client.granted(), decideOverLoopback(access, client.address()).granted(), dns.log());
        }
    }

    @Test
    void systemResolverGivesNoNameThatDoesNotFitAndTheClientIsRefused(@TempDir Path dir) throws Exception {
        // The JDK reads its hosts file once per JVM: the probe runs in a JVM of its own.
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, LongPtrZone.hostsFile());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Djdk.net.hosts.file=" + hosts, "-cp",
                System.getProperty("java.class.path"), LongPtrNameProbe.class.getName(), rules.toString()));
        LongPtrZone.CLIENTS.forEach(c -> command.add(c.address()));
        Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(probe.waitFor(60, TimeUnit.SECONDS), "the probe JVM did not finish: " + out);
        assertEquals(0, probe.exitValue(), out);
        List<String> expected = LongPtrZone.CLIENTS.stream().map(c -> c.address() + " "
                + (c.granted() ? "Verified[name=" + c.name() + "] granted" : "Unknown[] denied")).toList();
        assertEquals(expected, out.lines().filter(l -> l.startsWith("127.")).toList(), out);
    }

    /** A resolver of the application's own may answer a long name: the engine still never cuts it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource(LongPtrZone.CLIENTS_SOURCE)
    void engineNeverMatchesACutNameFromAnyResolver(Client client) throws Exception {
        HostNameResolver trusting = address -> CompletableFuture.completedFuture(new HostName.Verified(client.name()));
        try (HostsAccess access = HostsAccess.builder().directory(rules).hostNameResolver(trusting).build()) {
            assertEquals(client.granted(), decideOverLoopback(access, client.address()).granted());
        }
    }

    /** A real TCP connection from {@code client} to a listener on 127.0.0.1, decided as echo. */
    static Decision decideOverLoopback(HostsAccess access, String client) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
                Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(client), 0));
            socket.connect(listener.getLocalSocketAddress(), 5000);
            try (Socket accepted = listener.accept()) {
                AccessRequest request = AccessRequest.of("echo", accepted.getRemoteSocketAddress(),
                        accepted.getLocalSocketAddress());
                return access.check(request).toCompletableFuture().get(20, TimeUnit.SECONDS);
            }
        }
    }
}
