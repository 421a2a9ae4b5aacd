/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spring;

import io.github.tcpwrappers.DecisionListener;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.ReloadListener;
import io.github.tcpwrappers.spi.HostNameResolver;
import io.github.tcpwrappers.spi.IdentResolver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The one {@link HostsAccess} engine of the application, built from {@code tcpwrappers.*} and
 * closed with the context (its file watching, lookups and commands stop). Declare a
 * {@code HostsAccess} bean of your own and every door uses it instead.
 *
 * <p>In strict mode (the default) a table with problems fails start-up with every problem as
 * FILE:LINE; once running, a broken edit keeps the last good rules in force (see
 * {@link HostsAccessHealthIndicator}).
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "tcpwrappers", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(HostsAccessProperties.class)
public final class HostsAccessAutoConfiguration {

    /** The daemon name of the application: {@code tcpwrappers.daemon}, else {@code spring.application.name}. */
    static String daemon(HostsAccessProperties properties, Environment environment) {
        return properties.daemon().orElseGet(() -> {
            String name = environment.getProperty("spring.application.name", "");
            if (name.isBlank()) {
                throw new IllegalStateException("tcpwrappers: set tcpwrappers.daemon (or spring.application.name): "
                        + "the daemon name your hosts.allow and hosts.deny rules use for this application");
            }
            return DaemonName.check("spring.application.name (the default of tcpwrappers.daemon)", name);
        });
    }

    @Bean
    LookupResolvers tcpwrappersLookupResolvers(HostsAccessProperties properties) {
        return LookupResolvers.of(properties.lookups());
    }

    @Bean
    @ConditionalOnMissingBean
    HostsAccess hostsAccess(HostsAccessProperties properties, LookupResolvers lookups,
            ObjectProvider<HostNameResolver> names, ObjectProvider<IdentResolver> ident,
            ObjectProvider<DecisionListener> decisionListeners, ObjectProvider<ReloadListener> reloadListeners,
            ObjectProvider<HostsAccessBuilderCustomizer> customizers, ObjectProvider<HostsAccessEngineFactory> factory) {
        HostsAccess.Builder builder = HostsAccess.builder().settings(properties.settings())
                .lookupTimeout(properties.lookups().timeout());
        // A resolver bean of the application's own wins over tcpwrappers.lookups.
        HostNameResolver givenNames = names.getIfUnique();
        if (givenNames != null) {
            builder.hostNameResolver(givenNames);
        } else {
            lookups.names().ifPresent(builder::hostNameResolver);
        }
        builder.identResolver(ident.getIfUnique(lookups::ident));
        decisionListeners.orderedStream().forEach(builder::listener);
        reloadListeners.orderedStream().forEach(builder::reloadListener);
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return factory.getIfAvailable(() -> HostsAccess.Builder::build).build(builder);
    }
}
