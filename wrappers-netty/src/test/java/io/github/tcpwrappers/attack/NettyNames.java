/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.attack;

import io.github.tcpwrappers.netty.NettyDnsHostNameResolver;
import io.github.tcpwrappers.testing.Dnsmasq;
import io.github.tcpwrappers.value.HostName;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A {@link NettyDnsHostNameResolver} on an event loop of its own, asking one name server; when
 * made {@link #over} a dnsmasq, it owns and stops that too.
 */
record NettyNames(EventLoopGroup group, NettyDnsHostNameResolver resolver, Optional<Dnsmasq> dns)
        implements AutoCloseable {

    /** Asking whatever answers at {@code server} (a relay, say), which the caller stops. */
    static NettyNames asking(InetSocketAddress server) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        return new NettyNames(group, NettyDnsHostNameResolver.create(group.next(), server, Duration.ofSeconds(2)),
                Optional.empty());
    }

    /** Asking this dnsmasq, stopped with the resolver. */
    static NettyNames over(Dnsmasq dns) {
        NettyNames names = asking(dns.address());
        return new NettyNames(names.group, names.resolver, Optional.of(dns));
    }

    /** The verified name of an address, waited for (bounded). */
    HostName of(String address) throws Exception {
        return resolver.verifiedName(InetAddress.getByName(address)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** What dnsmasq logged, for failure messages. */
    String log() throws Exception {
        return dns.isPresent() ? dns.get().log() : "(no dnsmasq)";
    }

    @Override
    public void close() throws Exception {
        resolver.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        if (dns.isPresent()) {
            dns.get().close();
        }
    }
}
