/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.tcpwrappers.value.Decision;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the doors pass for a link-local peer with a scope id (issue 20.1): the address without
 * its zone, which libwrap's zone-blind matching decides exactly as it decides the zoned form.
 * (A zoned address text, as tcpdmatch takes one, was a way past hosts.deny before issue 20:
 * {@code [2001:db8::]/32} did not match {@code 2001:db8::7%2}; the r2-zone cases of the
 * conformance corpus hold that fix.)
 */
class LinkLocalPeersTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} scope {1}: allow \"{2}\", deny \"{3}\" -> {4}")
    @CsvSource(delimiter = '|', textBlock = """
            fe80::1      | 5 | sshd: [fe80::1]    | ALL: ALL           | granted
            fe80::1      | 2 | ''                 | sshd: [fe80::]/10  | denied
            fe80::1      | 7 | sshd: [fe80::1%3]  | ALL: ALL           | granted
            2001:db8::7  | 2 | ''                 | sshd: [2001:db8::]/32 | denied
            2001:db8::7  | 9 | sshd: [2001:db8::7] | ALL: ALL          | granted
            """)
    void aPeerWithAScopeIdIsDecidedByItsAddress(String address, int scope, String allow, String deny, String verdict)
            throws Exception {
        Files.writeString(dir.resolve("hosts.allow"), allow.isEmpty() ? "" : allow + ": spawn true %a\n");
        Files.writeString(dir.resolve("hosts.deny"), deny + ": spawn true %a\n");
        Inet6Address peer = Inet6Address.getByAddress(null, InetAddress.getByName(address).getAddress(), scope);
        AccessRequest request = AccessRequest.of("sshd", new InetSocketAddress(peer, 40000),
                new InetSocketAddress(InetAddress.getByName("::1"), 22));
        try (HostsAccess access = HostsAccess.builder().directory(dir).mode(Mode.LIBWRAP).build()) {
            Decision d = access.checkBlocking(request, Duration.ofSeconds(5));
            assertEquals(address, request.clientAddressText(), "the address without its zone");
            assertEquals(verdict, d.granted() ? "granted" : "denied");
            assertEquals("true " + address, d.spawns().get(0).commandLine(), "%a");
        }
    }
}
