/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** The servlet door: the filter answers a refusal with 403 before any servlet runs. */
abstract class ServletDoorContract extends DoorContract {
    @Autowired
    WebServerApplicationContext context;

    /** The simple class name of the web server this subclass must run on. */
    abstract String server();

    @Override
    void assertRefusedAtTheDoor(Http.Response response) {
        assertEquals(403, response.status(), response.toString());
    }

    @Test
    void runsOnTheIntendedServer() {
        assertEquals(server(), context.getWebServer().getClass().getSimpleName());
    }

    /**
     * Spellings of an actuator path that a container or Spring MVC may still route to the
     * actuator: none may reach it without passing the admin route's daemon.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health", "/actuator;x=1/health", "/actuator/health;y", "//actuator/health",
            "/%61ctuator/health", "/actuator/./health", "/hello/../actuator/health", "/actuator//health"})
    void noSpellingOfAnAdminPathEscapesItsRoute(String path) {
        Http.Response response = Http.get("127.0.0.3", port, path);
        assertNotEquals(200, response.status(), path + " reached the application: " + response);
    }
}
