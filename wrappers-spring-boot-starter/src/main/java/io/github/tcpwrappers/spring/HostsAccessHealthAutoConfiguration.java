/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
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
