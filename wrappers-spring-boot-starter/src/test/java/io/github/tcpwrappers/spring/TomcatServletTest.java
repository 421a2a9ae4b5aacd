/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spring;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The application on embedded Tomcat (the test class path has Jetty too: this factory wins). */
@SpringBootTest(classes = ShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(Servers.OnTomcat.class)
class TomcatServletTest extends ServletDoorContract {
    static final Tables TABLES = Tables.create("tomcat");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        common(registry, TABLES);
    }

    @Override
    String server() {
        return "TomcatWebServer";
    }

    @Override
    Tables tables() {
        return TABLES;
    }
}
