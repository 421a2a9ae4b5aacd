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
