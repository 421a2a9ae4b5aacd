/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.tcpwrappers.value.HostName;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DnsNameCheckTest {
    private static final byte[] CLIENT = {(byte) 192, 0, 2, 7};
    private static final byte[] OTHER = {(byte) 192, 0, 2, 8};
    private static final String REVERSE = "7.2.0.192.in-addr.arpa.";

    /** One zone: what each question is answered (absent: the query fails). */
    record Case(String name, Map<String, DnsNameCheck.Answer> zone, HostName expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static DnsNameCheck.Answer ptr(String name) {
        return new DnsNameCheck.Answer(Optional.of(name), List.of(), false);
    }

    private static DnsNameCheck.Answer forward(boolean aliased, byte[]... addresses) {
        return new DnsNameCheck.Answer(Optional.empty(), List.of(addresses), aliased);
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("forward holds the address", Map.of(REVERSE + "PTR", ptr("host.example"),
                        "host.example.A", forward(false, OTHER, CLIENT)), new HostName.Verified("host.example")),
                new Case("forward lacks the address", Map.of(REVERSE + "PTR", ptr("host.example"),
                        "host.example.A", forward(false, OTHER)), new HostName.Paranoid("host.example")),
                new Case("forward query fails", Map.of(REVERSE + "PTR", ptr("host.example")),
                        new HostName.Paranoid("host.example")),
                new Case("a CNAME led there", Map.of(REVERSE + "PTR", ptr("host.example"),
                        "host.example.A", forward(true, CLIENT)), new HostName.Paranoid("host.example")),
                new Case("localhost may be an alias", Map.of(REVERSE + "PTR", ptr("LocalHost"),
                        "LocalHost.A", forward(true, CLIENT)), new HostName.Verified("LocalHost")),
                new Case("no PTR name", Map.of(REVERSE + "PTR", forward(false)), HostName.unknown()),
                new Case("PTR query fails", Map.of(), HostName.unknown()),
                new Case("PTR name not a host name", Map.of(REVERSE + "PTR", ptr("evil example;"),
                        "evil example;.A", forward(false, CLIENT)), HostName.unknown()),
                new Case("PTR name longer than libwrap holds", Map.of(REVERSE + "PTR", ptr("a".repeat(60) + "."
                        + "b".repeat(60) + ".example")), HostName.unknown()));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void decidesTheNameAsLibwrapsSockHostname(Case c) throws Exception {
        DnsNameCheck check = DnsNameCheck.on((name, type) -> {
            DnsNameCheck.Answer answer = c.zone().get(name + type);
            return answer == null ? CompletableFuture.failedFuture(new IOException("SERVFAIL " + name))
                    : CompletableFuture.completedFuture(answer);
        });
        HostName name = check.verifiedName(InetAddress.getByAddress(CLIENT)).toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        assertEquals(c.expected(), name);
    }

    @Test
    void aClientThatThrowsCountsAsNoAnswer() throws Exception {
        DnsNameCheck check = DnsNameCheck.on((name, type) -> {
            throw new IllegalStateException("closed");
        });
        assertEquals(HostName.unknown(), check.verifiedName(InetAddress.getByAddress(CLIENT)).toCompletableFuture()
                .get(5, TimeUnit.SECONDS));
    }
}
