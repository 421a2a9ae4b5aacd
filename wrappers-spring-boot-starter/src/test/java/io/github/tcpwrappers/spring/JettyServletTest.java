/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spring;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same application on Jetty (the test class path has Tomcat too: this factory wins). */
@SpringBootTest(classes = ShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(Servers.OnJetty.class)
class JettyServletTest extends ServletDoorContract {
    static final Tables TABLES = Tables.create("jetty");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        common(registry, TABLES);
    }

    @Override
    String server() {
        return "JettyServletWebServer";
    }

    @Override
    Tables tables() {
        return TABLES;
    }
}
