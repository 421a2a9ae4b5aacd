/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.testing.Dnsmasq;
import io.github.tcpwrappers.value.HostName;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 18 item 9: a client that writes its own PTR and A records gives itself a "name" glibc
 * (and so libwrap) would never hand over: blanks, {@code ;}, {@code /}, a backslash. The Netty
 * resolver takes only what the JDK resolver takes, so such a name is no name and
 * {@code echo: .trusted.example} does not grant it. Real dnsmasq answers both lookups.
 */
class ForgedPtrNameAttackTest {
    @TempDir
    static Path rules;
    private static NettyNames names;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(rules.resolve("hosts.allow"), "echo: .trusted.example\n");
        Files.writeString(rules.resolve("hosts.deny"), "ALL: ALL\n");
        // --address serves the forward record for names --host-record refuses to take.
        names = NettyNames.over(Dnsmasq.start("--local=/example/",
                "--host-record=good.trusted.example,127.0.0.8",
                "--ptr-record=9.0.0.127.in-addr.arpa,semi;colon.trusted.example",
                "--address=/semi;colon.trusted.example/127.0.0.9",
                "--ptr-record=10.0.0.127.in-addr.arpa,bad name.trusted.example",
                "--address=/bad name.trusted.example/127.0.0.10",
                // dnsmasq reads a '/' as the end of an --address domain: this one has a PTR only.
                "--ptr-record=11.0.0.127.in-addr.arpa,a/b.trusted.example",
                "--ptr-record=12.0.0.127.in-addr.arpa,caf\\195\\169.trusted.example",
                "--address=/caf\\195\\169.trusted.example/127.0.0.12"));
    }

    @AfterAll
    static void stop() throws Exception {
        names.close();
    }

    @ParameterizedTest(name = "{0} claims {1}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.8  | good.trusted.example        | true
            127.0.0.9  | semi;colon.trusted.example  | false
            127.0.0.10 | bad name.trusted.example    | false
            127.0.0.11 | a/b.trusted.example         | false
            127.0.0.12 | caf\\195\\169.trusted.example | false
            """)
    void aPtrNameThatIsNoHostNameIsNoName(String address, String claimed, boolean granted) throws Exception {
        HostName name = names.of(address);
        assertEquals(granted ? new HostName.Verified(claimed) : HostName.unknown(), name, names.log());
        try (HostsAccess access = HostsAccess.builder().directory(rules).hostNameResolver(names.resolver()).build()) {
            AccessRequest request = AccessRequest.of("echo", new InetSocketAddress(address, 40000),
                    new InetSocketAddress("127.0.0.1", 7));
            assertEquals(granted, access.check(request).toCompletableFuture().get(10, TimeUnit.SECONDS).granted());
        }
    }
}
