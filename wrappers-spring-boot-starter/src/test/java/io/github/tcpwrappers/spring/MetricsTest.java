/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.HostsAccess;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** The engine's meters reach the application's registry when it has one, and nothing breaks when it has none. */
class MetricsTest {
    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HostsAccessMetricsAutoConfiguration.class,
                    HostsAccessAutoConfiguration.class))
            .withPropertyValues("tcpwrappers.directory=" + Tables.create("metered").dir(), "tcpwrappers.daemon=shop");

    @Test
    void decisionsAreCountedInTheApplicationsRegistryByVerdictAndRule() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertThat(context).hasNotFailed();
            HostsAccess access = context.getBean(HostsAccess.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            access.checkBlocking(request("127.0.0.1"), Duration.ofSeconds(5));
            access.checkBlocking(request("127.0.0.2"), Duration.ofSeconds(5));
            assertThat(registry.get("tcpwrappers.decisions").tag("verdict", "granted").counter().count()).isEqualTo(1.0);
            assertThat(registry.get("tcpwrappers.decisions").tag("verdict", "denied").counter().count()).isEqualTo(1.0);
            assertThat(registry.get("tcpwrappers.rules").gauge().value()).isGreaterThan(0);
        });
    }

    @Test
    void withoutARegistryThePlainEngineIsBuilt() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(HostsAccess.class).doesNotHaveBean(MeterRegistry.class);
        });
    }

    private static AccessRequest request(String client) {
        return AccessRequest.of("shop", new InetSocketAddress(client, 40000), new InetSocketAddress("127.0.0.1", 8080));
    }
}
