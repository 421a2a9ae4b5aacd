/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code management.server.port}: the actuator on a server of its own (a child context) is
 * guarded like the application's, route daemons included.
 */
class ManagementPortTest {
    /** Both applications read these tables; no test here edits them. */
    static final Tables TABLES = Tables.create("management");

    abstract static class Contract {
        @LocalManagementPort
        int managementPort;

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) {
            DoorContract.common(registry, TABLES);
            registry.add("management.server.port", () -> "0");
            registry.add("management.server.address", () -> "127.0.0.1");
        }

        abstract void assertRefusedAtTheDoor(Http.Response response);

        @Test
        void theActuatorsOwnServerKeepsTheAdminRoute() {
            assertNotEquals(0, managementPort);
            Http.Response inside = Http.get("127.0.0.1", managementPort, "/actuator/health");
            assertEquals(200, inside.status(), inside.toString());
            assertTrue(inside.body().contains("tcpwrappers"), inside.body());
            assertEquals(403, Http.get("127.0.0.3", managementPort, "/actuator/health").status());
        }

        @Test
        void theActuatorsOwnServerRefusesWhomTheApplicationRefuses() {
            assertRefusedAtTheDoor(Http.get("127.0.0.2", managementPort, "/actuator/health"));
        }
    }

    /*
     * Tomcat's, Jetty's and Reactor Netty's management auto-configurations each define the child
     * context's factory; an application has one server, this test class path has three, so each
     * application keeps only its own server's.
     */
    private static final String JETTY = "org.springframework.boot.jetty.autoconfigure.actuate.web.server.";
    private static final String TOMCAT = "org.springframework.boot.tomcat.autoconfigure.actuate.web.server.";

    @Nested
    @SpringBootTest(classes = ShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = "spring.autoconfigure.exclude=" + JETTY + "JettyServletManagementContextAutoConfiguration")
    @Import(Servers.OnTomcat.class)
    class OnTomcat extends Contract {
        @Override
        void assertRefusedAtTheDoor(Http.Response response) {
            assertEquals(403, response.status(), response.toString());
        }
    }

    @Nested
    @SpringBootTest(classes = ShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"spring.main.web-application-type=reactive", "spring.autoconfigure.exclude="
                    + JETTY + "JettyReactiveManagementContextAutoConfiguration," + TOMCAT
                    + "TomcatReactiveManagementContextAutoConfiguration"})
    @Import(Servers.OnNetty.class)
    class OnWebFlux extends Contract {
        @Override
        void assertRefusedAtTheDoor(Http.Response response) {
            assertTrue(response.closedSilently(), response.toString());
        }
    }
}
