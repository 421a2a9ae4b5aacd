/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring MVC shop that knows nothing of hosts.allow: the starter on the class path and
 * {@code application.yaml} put the rules in force.
 *
 * <pre>{@code
 * cd examples/spring-boot && java -cp "target/classes:$(cat target/classpath.txt)" \
 *     io.github.tcpwrappers.examples.spring.ShopApplication
 * curl --interface 127.0.0.1 http://127.0.0.1:18081/            # the shop
 * curl --interface 127.0.0.2 http://127.0.0.1:18081/            # 403
 * curl --interface 127.0.0.3 http://127.0.0.1:18081/actuator/health   # 403: admin route
 * }</pre>
 */
@SpringBootApplication
public class ShopApplication {

    public static void main(String[] args) {
        SpringApplication.run(ShopApplication.class, args);
    }

    /** The shop's one page. */
    @RestController
    static final class Shop {
        @GetMapping("/")
        String index() {
            return "Welcome to the shop.\n";
        }
    }
}
