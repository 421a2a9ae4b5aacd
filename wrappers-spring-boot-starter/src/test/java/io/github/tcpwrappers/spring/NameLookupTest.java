/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** Name rules through the configured DNS server, on the servlet door and on WebFlux. */
class NameLookupTest {

    @AfterAll
    static void stopDns() throws Exception {
        NameLookupContract.DNS.close();
    }

    @Nested
    @SpringBootTest(classes = ShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    @Import(Servers.OnTomcat.class)
    class OnTomcatServlet extends NameLookupContract {
        @Override
        void assertRefusedAtTheDoor(Http.Response response) {
            assertEquals(403, response.status(), response.toString());
        }
    }

    @Nested
    @SpringBootTest(classes = ShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = "spring.main.web-application-type=reactive")
    @Import(Servers.OnNetty.class)
    class OnWebFlux extends NameLookupContract {
        @Override
        void assertRefusedAtTheDoor(Http.Response response) {
            assertTrue(response.closedSilently(), response.toString());
        }
    }
}
