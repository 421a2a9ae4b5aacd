/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spring;

import io.github.tcpwrappers.micrometer.HostsAccessMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * The engine's meters ({@code tcpwrappers.decisions}, {@code tcpwrappers.lookups}, ...; see
 * {@link HostsAccessMetrics}) in the application's {@link MeterRegistry}, when
 * {@code wrappers-micrometer} is on the class path. The registry is looked up when the engine is
 * built, so an application without one gets a plain engine.
 */
@AutoConfiguration(before = HostsAccessAutoConfiguration.class)
@ConditionalOnClass({MeterRegistry.class, HostsAccessMetrics.class})
public final class HostsAccessMetricsAutoConfiguration {

    @Bean
    HostsAccessEngineFactory tcpwrappersMeteredEngine(ObjectProvider<MeterRegistry> registries) {
        return builder -> {
            MeterRegistry registry = registries.getIfUnique();
            if (registry == null) {
                return builder.build();
            }
            HostsAccessMetrics metrics = HostsAccessMetrics.create(builder);
            metrics.bindTo(registry);
            return metrics.engine();
        };
    }
}
