/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.netty;

import io.github.tcpwrappers.spi.HostNameResolver;
import io.github.tcpwrappers.spi.HostNameSyntax;
import io.github.tcpwrappers.value.HostName;
import io.netty.buffer.ByteBuf;
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
import io.netty.util.concurrent.Future;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Verifies host names as libwrap does, on Netty's asynchronous {@link DnsNameResolver}: a PTR
 * query for the address, then an A (IPv4 client) or AAAA (IPv6 client) query for the name it
 * gives. The name is {@link HostName.Verified} when the forward answer holds the address,
 * {@link HostName.Paranoid} when it does not (or when the forward lookup fails or the name is an
 * alias, as libwrap's {@code sock_hostname} decides), and {@link HostName.Unknown} when the PTR
 * query has no answer, fails or times out, or gives a name libwrap would not take (not a host
 * name, or longer than libwrap's 127 bytes: {@link HostNameSyntax#acceptsPtrName}, the check the
 * JDK resolver makes). Only DNS is asked (no hosts file).
 *
 * <p>Each query goes out on a socket of its own, bound to a port the kernel picks at random, as
 * the JDK resolver does: an off-path forger must guess the port as well as the 16-bit id
 * (RFC 5452). A resolver given to {@link #wrap} keeps whatever channel strategy it was built with.
 *
 * <pre>{@code
 * NettyDnsHostNameResolver names = NettyDnsHostNameResolver.create(
 *         group.next(), new InetSocketAddress("127.0.0.53", 53), Duration.ofSeconds(2));
 * HostsAccess access = HostsAccess.builder().hostNameResolver(names).build();
 * }</pre>
 */
public final class NettyDnsHostNameResolver implements HostNameResolver, AutoCloseable {
    private final DnsNameResolver resolver;

    private NettyDnsHostNameResolver(DnsNameResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * A resolver asking one name server over UDP from {@code eventLoop}, giving up on a query after
     * {@code queryTimeout}. Close it to release its socket.
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
        if (queryTimeout.isNegative() || queryTimeout.isZero()) {
            throw new IllegalArgumentException("query timeout must be positive: " + queryTimeout);
        }
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
     * A resolver on a {@link DnsNameResolver} you configured; closing this closes it.
     *
     * @param resolver the resolver to wrap
     * @return the resolver
     */
    public static NettyDnsHostNameResolver wrap(DnsNameResolver resolver) {
        return new NettyDnsHostNameResolver(Objects.requireNonNull(resolver, "resolver"));
    }

    @Override
    public CompletionStage<HostName> verifiedName(InetAddress address) {
        CompletableFuture<HostName> result = new CompletableFuture<>();
        query(HostNameSyntax.reverseName(address), DnsRecordType.PTR).whenComplete((answer, failure) -> {
            Optional<String> name = failure == null ? answer.ptr().filter(HostNameSyntax::acceptsPtrName)
                    : Optional.empty();
            if (name.isEmpty()) {
                result.complete(HostName.unknown());
                return;
            }
            String claimed = name.get();
            DnsRecordType type = address instanceof Inet4Address ? DnsRecordType.A : DnsRecordType.AAAA;
            query(claimed + ".", type).whenComplete((forward, error) -> {
                if (error != null || forward.addresses().isEmpty()) {
                    // libwrap: "can't verify hostname" clobbers the name with paranoid.
                    result.complete(new HostName.Paranoid(claimed));
                } else if (forward.aliased() && !claimed.equalsIgnoreCase("localhost")) {
                    // libwrap: "host name/name mismatch" (the name is an alias of another).
                    result.complete(new HostName.Paranoid(claimed));
                } else if (forward.addresses().stream().anyMatch(a -> Arrays.equals(a, address.getAddress()))) {
                    result.complete(new HostName.Verified(claimed));
                } else {
                    result.complete(new HostName.Paranoid(claimed));
                }
            });
        });
        return result;
    }

    /** What one answer said: the PTR name, the addresses, and whether a CNAME led there. */
    private record Answer(Optional<String> ptr, List<byte[]> addresses, boolean aliased) {
    }

    private CompletableFuture<Answer> query(String name, DnsRecordType type) {
        CompletableFuture<Answer> result = new CompletableFuture<>();
        Future<AddressedEnvelope<DnsResponse, InetSocketAddress>> query;
        try {
            query = resolver.query(new DefaultDnsQuestion(name, type));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        query.addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
                return;
            }
            @SuppressWarnings("unchecked")
            AddressedEnvelope<DnsResponse, InetSocketAddress> envelope =
                    (AddressedEnvelope<DnsResponse, InetSocketAddress>) f.getNow();
            try {
                result.complete(read(envelope.content(), type));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            } finally {
                envelope.release();
            }
        });
        return result;
    }

    private static Answer read(DnsResponse response, DnsRecordType type) {
        if (response.code() != DnsResponseCode.NOERROR) {
            return new Answer(Optional.empty(), List.of(), false);
        }
        Optional<String> ptr = Optional.empty();
        List<byte[]> addresses = new ArrayList<>(2);
        boolean aliased = false;
        int count = response.count(DnsSection.ANSWER);
        for (int i = 0; i < count; i++) {
            DnsRecord record = response.recordAt(DnsSection.ANSWER, i);
            if (record.type() == DnsRecordType.CNAME) {
                aliased = true;
            } else if (type == DnsRecordType.PTR && record instanceof DnsPtrRecord p && ptr.isEmpty()) {
                ptr = Optional.of(trimDot(p.hostname())).filter(s -> !s.isEmpty());
            } else if (record.type() == type && record instanceof DnsRawRecord raw) {
                ByteBuf content = raw.content();
                int expected = type == DnsRecordType.A ? 4 : 16;
                if (content.readableBytes() == expected) {
                    addresses.add(ByteBufUtil.getBytes(content));
                }
            }
        }
        return new Answer(ptr, addresses, aliased);
    }

    private static String trimDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** Closes the resolver's socket. */
    @Override
    public void close() {
        resolver.close();
    }
}
