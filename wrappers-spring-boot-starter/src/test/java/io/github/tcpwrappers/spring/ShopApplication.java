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

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The application under test: one endpoint that counts the requests that reached it. */
@SpringBootConfiguration
@EnableAutoConfiguration
class ShopApplication {

    @Bean
    Served served() {
        return new Served();
    }

    /** Requests the application's code saw. */
    static final class Served {
        final AtomicInteger count = new AtomicInteger();
    }

    /** Registered as a member class of this configuration. */
    @RestController
    static final class ShopController {
        private final Served served;

        ShopController(Served served) {
            this.served = served;
        }

        @GetMapping("/hello")
        String hello() {
            served.count.incrementAndGet();
            return "hello";
        }
    }
}
