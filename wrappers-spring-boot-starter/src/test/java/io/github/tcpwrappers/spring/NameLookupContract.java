/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.testing.Dnsmasq;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code tcpwrappers.lookups.dns-servers}: a rule that names a host admits a client whose PTR
 * and A records (on a real dnsmasq) agree, and only that client; the answer arrives without
 * holding a request thread or the event loop.
 */
abstract class NameLookupContract {
    static final String ALLOW = "shop: trusted.example\n";
    static final String DENY = "ALL: ALL\n";

    /** Started once for both applications; {@link NameLookupTest} stops it. */
    static final Dnsmasq DNS = startDns();
    /** Both applications read these tables; no test here edits them. */
    static final Tables TABLES = Tables.create("names", ALLOW, DENY);

    @LocalServerPort
    int port;

    private static Dnsmasq startDns() {
        try {
            return Dnsmasq.start("--local=/example/", "--ptr-record=4.0.0.127.in-addr.arpa,trusted.example",
                    "--host-record=trusted.example,127.0.0.4",
                    // A PTR that claims the trusted name, whose forward record does not confirm it.
                    "--ptr-record=5.0.0.127.in-addr.arpa,trusted.example");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void lookups(DynamicPropertyRegistry registry) {
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("spring.application.name", () -> "shop");
        registry.add("tcpwrappers.directory", TABLES::dir);
        registry.add("tcpwrappers.lookups.dns-servers", DNS::url);
        registry.add("tcpwrappers.lookups.timeout", () -> "3s");
    }

    abstract void assertRefusedAtTheDoor(Http.Response response);

    @Test
    void clientWhoseNameTheConfiguredDnsVerifiesIsServed() throws IOException {
        Http.Response response = Http.get("127.0.0.4", port, "/hello");
        assertEquals(200, response.status(), response.toString());
        assertTrue(DNS.log().contains("4.0.0.127.in-addr.arpa"), "the configured DNS server was not asked");
    }

    @Test
    void clientWhosePtrClaimsTheNameWithoutForwardConfirmationIsRefused() {
        assertRefusedAtTheDoor(Http.get("127.0.0.5", port, "/hello"));
    }
}
