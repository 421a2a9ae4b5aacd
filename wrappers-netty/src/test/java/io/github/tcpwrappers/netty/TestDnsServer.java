/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.netty;

import io.github.tcpwrappers.spi.HostNameSyntax;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsPtrRecord;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A tiny authoritative DNS server on 127.0.0.1 (UDP) for the resolver tests: PTR, A, AAAA and
 * CNAME records added by the test; NXDOMAIN for any other name. Records every question it gets.
 */
final class TestDnsServer implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Map<String, List<Supplier<DnsRecord>>> records = new ConcurrentHashMap<>();
    final List<String> questions = new CopyOnWriteArrayList<>();
    final InetSocketAddress address;
    private final Channel channel;

    TestDnsServer() throws InterruptedException {
        channel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline().addLast(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder(),
                                new Answerer());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        address = (InetSocketAddress) channel.localAddress();
    }

    private static String key(String name, DnsRecordType type) {
        String n = name.toLowerCase(Locale.ROOT);
        return (n.endsWith(".") ? n : n + ".") + " " + type.name();
    }

    private void add(String name, DnsRecordType type, Supplier<DnsRecord> record) {
        records.computeIfAbsent(key(name, type), k -> new CopyOnWriteArrayList<>()).add(record);
    }

    /** PTR for the address, pointing at {@code name}. */
    TestDnsServer ptr(String address, String name) throws Exception {
        String reverse = HostNameSyntax.reverseName(InetAddress.getByName(address));
        add(reverse, DnsRecordType.PTR, () -> new DefaultDnsPtrRecord(reverse, DnsRecord.CLASS_IN, 60, name + "."));
        return this;
    }

    /** A or AAAA (by the literal's family) for {@code name}. */
    TestDnsServer address(String name, String literal) throws Exception {
        byte[] bytes = InetAddress.getByName(literal).getAddress();
        DnsRecordType type = bytes.length == 4 ? DnsRecordType.A : DnsRecordType.AAAA;
        add(name, type, () -> new DefaultDnsRawRecord(name + ".", type, 60, Unpooled.wrappedBuffer(bytes)));
        return this;
    }

    /** {@code alias} CNAME {@code target}, answered with the target's A records as a resolver would. */
    TestDnsServer cname(String alias, String target) {
        for (DnsRecordType type : List.of(DnsRecordType.A, DnsRecordType.AAAA)) {
            add(alias, type, () -> new DefaultDnsRawRecord(alias + ".", DnsRecordType.CNAME, 60, encodeName(target)));
        }
        return this;
    }

    private static ByteBuf encodeName(String name) {
        ByteBuf out = Unpooled.buffer();
        for (String label : name.split("\\.")) {
            byte[] b = label.getBytes(StandardCharsets.US_ASCII);
            out.writeByte(b.length).writeBytes(b);
        }
        return out.writeByte(0);
    }

    private final class Answerer extends SimpleChannelInboundHandler<DatagramDnsQuery> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery query) {
            DnsQuestion question = query.recordAt(DnsSection.QUESTION);
            questions.add(question.name() + " " + question.type().name());
            DatagramDnsResponse response = new DatagramDnsResponse(query.recipient(), query.sender(), query.id());
            response.setAuthoritativeAnswer(true).setRecursionAvailable(true);
            response.addRecord(DnsSection.QUESTION, question);
            List<DnsRecord> answer = new ArrayList<>();
            List<Supplier<DnsRecord>> found = records.get(key(question.name(), question.type()));
            if (found != null) {
                found.forEach(r -> answer.add(r.get()));
                // a CNAME's target records follow it, as a recursive server answers
                for (Supplier<DnsRecord> r : found) {
                    DnsRecord probe = r.get();
                    if (probe.type() == DnsRecordType.CNAME && probe instanceof DefaultDnsRawRecord raw) {
                        String target = decodeName(raw.content());
                        List<Supplier<DnsRecord>> more = records.get(key(target, question.type()));
                        if (more != null) {
                            more.forEach(m -> answer.add(m.get()));
                        }
                    }
                    ReferenceCountUtil.release(probe);
                }
            }
            if (answer.isEmpty()) {
                response.setCode(DnsResponseCode.NXDOMAIN);
            }
            answer.forEach(r -> response.addRecord(DnsSection.ANSWER, r));
            ctx.writeAndFlush(response);
        }
    }

    private static String decodeName(ByteBuf buf) {
        StringBuilder name = new StringBuilder();
        for (int i = buf.readerIndex(); buf.getByte(i) != 0; ) {
            int len = buf.getByte(i);
            name.append(buf.toString(i + 1, len, StandardCharsets.US_ASCII)).append('.');
            i += len + 1;
        }
        return name.toString();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
