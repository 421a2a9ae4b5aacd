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
