/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spring;

import io.github.tcpwrappers.HostsAccess;

/**
 * Changes the engine's builder after the {@code tcpwrappers.*} properties were applied, for what
 * properties cannot say (a netgroup resolver, a process runner shared with other engines).
 *
 * <pre>{@code
 * @Bean
 * HostsAccessBuilderCustomizer netgroups(NetgroupResolver nis) {
 *     return builder -> builder.netgroupResolver(nis);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface HostsAccessBuilderCustomizer {

    /**
     * Called once, before {@code build()}.
     *
     * @param builder the engine's builder, with the properties applied
     */
    void customize(HostsAccess.Builder builder);
}
