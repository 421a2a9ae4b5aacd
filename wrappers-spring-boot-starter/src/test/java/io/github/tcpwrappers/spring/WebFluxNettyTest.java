/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * WebFlux on Reactor Netty. The application makes its own factory, so this also shows the
 * handler reaches a factory Boot did not make.
 */
@SpringBootTest(classes = ShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.main.web-application-type=reactive")
@Import(Servers.OnNetty.class)
class WebFluxNettyTest extends DoorContract {
    static final Tables TABLES = Tables.create("webflux");

    @Autowired
    WebServerApplicationContext context;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        common(registry, TABLES);
    }

    @Override
    Tables tables() {
        return TABLES;
    }

    /** The connection-level handler closes a refused connection before HTTP: not one byte comes back. */
    @Override
    void assertRefusedAtTheDoor(Http.Response response) {
        assertTrue(response.closedSilently(), "expected the connection closed without an HTTP answer: " + response);
    }

    @Test
    void runsOnReactorNetty() {
        assertEquals("NettyWebServer", context.getWebServer().getClass().getSimpleName());
    }
}
