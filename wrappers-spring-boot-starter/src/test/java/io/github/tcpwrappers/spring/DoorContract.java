/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.HostsAccess;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What every HTTP door of the starter must do in a running Spring Boot application: the same
 * tables ({@link Tables}), the same clients (127.0.0.1 allowed, 127.0.0.2 refused, 127.0.0.3
 * allowed but not on the admin route). Subclasses are one server each.
 */
abstract class DoorContract {
    @LocalServerPort
    int port;
    @Autowired
    HostsAccess access;
    @Autowired
    ShopApplication.Served served;

    /** The properties every test application shares: its tables, fast reloads, health details, one route. */
    static void common(DynamicPropertyRegistry registry, Tables tables) {
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("spring.application.name", () -> "shop");
        registry.add("tcpwrappers.directory", tables::dir);
        registry.add("tcpwrappers.reload-interval", () -> "100ms");
        registry.add("tcpwrappers.settle-time", () -> "100ms");
        registry.add("tcpwrappers.routes[0].paths", () -> "/actuator/**");
        registry.add("tcpwrappers.routes[0].daemon", () -> "shop-admin");
        registry.add("management.endpoints.web.exposure.include", () -> "health");
        registry.add("management.endpoint.health.show-details", () -> "always");
    }

    /** The tables of this subclass's application. */
    abstract Tables tables();

    /** How this door refuses a client the application's daemon does not admit. */
    abstract void assertRefusedAtTheDoor(Http.Response response);

    @Test
    void allowedClientIsServed() {
        Http.Response response = Http.get("127.0.0.1", port, "/hello");
        assertEquals(200, response.status(), response.toString());
        assertTrue(response.body().contains("hello"), response.body());
    }

    @Test
    void refusedClientNeverReachesTheApplication() {
        int before = served.count.get();
        assertRefusedAtTheDoor(Http.get("127.0.0.2", port, "/hello"));
        assertEquals(before, served.count.get(), "the application saw a refused client");
    }

    @Test
    void healthNamesTheLastDenial() {
        assertRefusedAtTheDoor(Http.get("127.0.0.2", port, "/hello"));
        Http.Response health = Http.get("127.0.0.1", port, "/actuator/health/tcpwrappers");
        assertEquals(200, health.status(), health.toString());
        assertTrue(health.body().contains("\"lastDenied\":{\"daemon\":\"shop\",\"client\":\"127.0.0.2\","
                + "\"rule\":\"" + tables().dir() + "/hosts.deny:1\""), health.body());
    }

    @Test
    void routeDaemonGuardsTheActuator() {
        assertEquals(200, Http.get("127.0.0.3", port, "/hello").status());
        Http.Response admin = Http.get("127.0.0.3", port, "/actuator/health");
        assertEquals(403, admin.status(), admin.toString());
        assertEquals(200, Http.get("127.0.0.1", port, "/actuator/health").status());
    }

    @Test
    void liveEditTakesEffectWhileRunning() {
        assertRefusedAtTheDoor(Http.get("127.0.0.2", port, "/hello"));
        try {
            tables().allow(Tables.ALLOW + "shop: 127.0.0.2\n");
            Tables.await("127.0.0.2 served after the edit", () -> Http.get("127.0.0.2", port, "/hello").status() == 200);
        } finally {
            tables().restore(access);
        }
        assertRefusedAtTheDoor(Http.get("127.0.0.2", port, "/hello"));
    }

    @Test
    void twistOnARouteAnswersInTheApplicationsPlace() {
        try {
            tables().allow(Tables.ALLOW + "shop: 127.0.0.4\nshop-admin: 127.0.0.4 : twist /bin/echo answered-by-twist\n");
            Tables.await("the route's twist answering",
                    () -> Http.get("127.0.0.4", port, "/actuator/health").body().contains("answered-by-twist"));
            // On a grant the command answers in the application's place, with success (as tcpd).
            Http.Response admin = Http.get("127.0.0.4", port, "/actuator/health");
            assertEquals(200, admin.status(), admin.toString());
            assertEquals("answered-by-twist\n", admin.body());
        } finally {
            tables().restore(access);
        }
    }

    @Test
    void brokenEditKeepsTheLastGoodRulesAndTakesHealthOutOfService() {
        assertTrue(Http.get("127.0.0.1", port, "/actuator/health").body().contains("\"UP\""));
        try {
            // Admits 127.0.0.2 if it were read, but the second line is an error: strict mode refuses the edit.
            tables().allow(Tables.ALLOW + "shop: 127.0.0.2\nthis line has no colon\n");
            Tables.await("the edit refused", () -> access.status().lastRefusal().isPresent());
            Http.Response health = Http.get("127.0.0.1", port, "/actuator/health/tcpwrappers");
            assertEquals(503, health.status(), health.toString());
            assertTrue(health.body().contains("OUT_OF_SERVICE"), health.body());
            assertTrue(health.body().contains("hosts.allow:4"), health.body());
            assertRefusedAtTheDoor(Http.get("127.0.0.2", port, "/hello"));
            assertEquals(200, Http.get("127.0.0.1", port, "/hello").status());
        } finally {
            tables().restore(access);
        }
        Http.Response health = Http.get("127.0.0.1", port, "/actuator/health/tcpwrappers");
        assertEquals(200, health.status(), health.toString());
        assertTrue(health.body().contains("\"UP\""), health.body());
    }
}
