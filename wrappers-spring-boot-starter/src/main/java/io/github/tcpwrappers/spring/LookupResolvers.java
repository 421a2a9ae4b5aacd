/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spring;

import io.github.tcpwrappers.lookup.CachingHostNameResolver;
import io.github.tcpwrappers.lookup.JdkHostNameResolver;
import io.github.tcpwrappers.lookup.Rfc1413IdentResolver;
import io.github.tcpwrappers.spi.HostNameResolver;
import io.github.tcpwrappers.spi.IdentResolver;
import java.util.Optional;

/**
 * The resolvers {@code tcpwrappers.lookups.*} asks for, owned by the context: closing it stops
 * the lookup threads.
 */
final class LookupResolvers implements AutoCloseable {
    private final Optional<JdkHostNameResolver> dns;
    private final Optional<HostNameResolver> names;
    private final IdentResolver ident;

    private LookupResolvers(Optional<JdkHostNameResolver> dns, IdentResolver ident) {
        this.dns = dns;
        this.names = dns.map(CachingHostNameResolver::of);
        this.ident = ident;
    }

    static LookupResolvers of(HostsAccessProperties.Lookups lookups) {
        Optional<JdkHostNameResolver> dns = Optional.empty();
        if (!lookups.dnsServers().isEmpty()) {
            JdkHostNameResolver.Builder builder = JdkHostNameResolver.builder().timeout(lookups.timeout());
            lookups.dnsServers().forEach(builder::dnsServer);
            dns = Optional.of(builder.build());
        }
        IdentResolver ident = !lookups.ident() ? IdentResolver.none() : Rfc1413IdentResolver.onPort(lookups.identPort());
        return new LookupResolvers(dns, ident);
    }

    /** Empty: the engine's default (the system resolver, cached). */
    Optional<HostNameResolver> names() {
        return names;
    }

    IdentResolver ident() {
        return ident;
    }

    @Override
    public void close() {
        dns.ifPresent(JdkHostNameResolver::close);
    }
}
