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

import io.github.tcpwrappers.HostsAccess;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code tcpwrappers} health indicator (see {@link HostsAccessHealthIndicator} for its
 * states); off with {@code management.health.tcpwrappers.enabled=false}.
 */
@AutoConfiguration(after = HostsAccessAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(HostsAccess.class)
@ConditionalOnEnabledHealthIndicator("tcpwrappers")
public final class HostsAccessHealthAutoConfiguration {

    @Bean(name = "tcpwrappersHealthIndicator")
    HealthIndicator tcpwrappersHealthIndicator(HostsAccess access) {
        return new HostsAccessHealthIndicator(access);
    }
}
