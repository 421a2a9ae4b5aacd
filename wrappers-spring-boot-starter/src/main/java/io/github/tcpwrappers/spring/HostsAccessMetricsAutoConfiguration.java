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
