/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
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
