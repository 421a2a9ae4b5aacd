/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.netty;

import io.github.tcpwrappers.spi.DnsNameCheck;
import io.github.tcpwrappers.spi.HostNameResolver;
import io.github.tcpwrappers.value.Durations;
import io.github.tcpwrappers.value.HostName;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsPtrRecord;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsNameResolverChannelStrategy;
import io.netty.resolver.dns.SingletonDnsServerAddressStreamProvider;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Verifies client names as libwrap does ({@link DnsNameCheck}: PTR, then A or AAAA) on Netty's
 * asynchronous {@link DnsNameResolver}. Only DNS is asked (no hosts file). Each query has a
 * socket of its own on a port the kernel picks at random, as the JDK resolver does (RFC 5452).
 *
 * <pre>{@code
 * NettyDnsHostNameResolver names = NettyDnsHostNameResolver.create(
 *         group.next(), new InetSocketAddress("127.0.0.53", 53), Duration.ofSeconds(2));
 * HostsAccess access = HostsAccess.builder().hostNameResolver(names).build();
 * }</pre>
 */
public final class NettyDnsHostNameResolver implements HostNameResolver, AutoCloseable {
    private final DnsNameResolver resolver;
    /** libwrap's PTR-then-forward check, the core's, on this resolver's queries. */
    private final DnsNameCheck check = DnsNameCheck.on(this::query);

    private NettyDnsHostNameResolver(DnsNameResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * A resolver asking one name server over UDP; close it to release its socket.
     *
     * @param eventLoop the event loop the queries run on
     * @param nameServer the name server to ask
     * @param queryTimeout how long one query may take
     * @return the resolver
     */
    public static NettyDnsHostNameResolver create(EventLoop eventLoop, InetSocketAddress nameServer,
            Duration queryTimeout) {
        Objects.requireNonNull(eventLoop, "eventLoop");
        Objects.requireNonNull(nameServer, "nameServer");
        Durations.positive("query timeout", queryTimeout);
        return new NettyDnsHostNameResolver(new DnsNameResolverBuilder(eventLoop)
                .datagramChannelType(NioDatagramChannel.class)
                // One fixed source port would leave only the query id between us and a forged PTR.
                .datagramChannelStrategy(DnsNameResolverChannelStrategy.ChannelPerResolution)
                .nameServerProvider(new SingletonDnsServerAddressStreamProvider(nameServer))
                .queryTimeoutMillis(Math.max(1, queryTimeout.toMillis()))
                .maxQueriesPerResolve(1)
                .recursionDesired(true)
                .build());
    }

    /**
     * {@return a resolver on a {@link DnsNameResolver} you configured (it keeps its channel
     * strategy); closing this closes it}
     *
     * @param resolver the resolver to wrap
     */
    public static NettyDnsHostNameResolver wrap(DnsNameResolver resolver) {
        return new NettyDnsHostNameResolver(Objects.requireNonNull(resolver, "resolver"));
    }

    @Override
    public CompletionStage<HostName> verifiedName(InetAddress address) {
        return check.verifiedName(address);
    }

    private CompletableFuture<DnsNameCheck.Answer> query(String name, DnsNameCheck.Type asked) {
        DnsRecordType type = DnsRecordType.valueOf(asked.name());
        CompletableFuture<DnsNameCheck.Answer> result = new CompletableFuture<>();
        resolver.query(new DefaultDnsQuestion(name, type)).addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
                return;
            }
            AddressedEnvelope<?, ?> envelope = (AddressedEnvelope<?, ?>) f.getNow();
            try {
                result.complete(read((DnsResponse) envelope.content(), type));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            } finally {
                envelope.release();
            }
        });
        return result;
    }

    private static DnsNameCheck.Answer read(DnsResponse response, DnsRecordType type) {
        Optional<String> ptr = Optional.empty();
        List<byte[]> addresses = new ArrayList<>(2);
        boolean aliased = false;
        int count = response.code() == DnsResponseCode.NOERROR ? response.count(DnsSection.ANSWER) : 0;
        for (int i = 0; i < count; i++) {
            DnsRecord record = response.recordAt(DnsSection.ANSWER, i);
            aliased |= record.type() == DnsRecordType.CNAME;
            if (type == DnsRecordType.PTR && record instanceof DnsPtrRecord p && ptr.isEmpty()) {
                String host = p.hostname();
                ptr = Optional.of(host.endsWith(".") ? host.substring(0, host.length() - 1) : host)
                        .filter(h -> !h.isEmpty());
            } else if (record.type() == type && record instanceof DnsRawRecord raw
                    && raw.content().readableBytes() == (type == DnsRecordType.A ? 4 : 16)) {
                addresses.add(ByteBufUtil.getBytes(raw.content()));
            }
        }
        return new DnsNameCheck.Answer(ptr, addresses, aliased);
    }

    /** Closes the resolver's socket. */
    @Override
    public void close() {
        resolver.close();
    }
}
