/*
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
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
