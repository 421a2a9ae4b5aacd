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
