package io.github.tcpwrappers.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP relay on 127.0.0.1 in front of a DNS server that can go silent: while silent it drops
 * every question and every answer, so the resolver behind it sees a name server that stopped
 * answering (its queries time out), and answers again as soon as it is switched back.
 */
final class DnsRelay implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Map<Integer, InetSocketAddress> askers = new ConcurrentHashMap<>();
    private final AtomicLong switches = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final InetSocketAddress address;
    private final Channel front;
    private final Channel back;
    private volatile boolean silent;

    DnsRelay(InetSocketAddress upstream) throws InterruptedException {
        back = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new Forward(packet -> {
                    InetSocketAddress asker = askers.remove(id(packet.content()));
                    return asker;
                })).bind("127.0.0.1", 0).sync().channel();
        front = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new Forward(packet -> {
                    askers.put(id(packet.content()), packet.sender());
                    return upstream;
                })).bind("127.0.0.1", 0).sync().channel();
        address = (InetSocketAddress) front.localAddress();
    }

    /** Stops answering (true) or answers again (false). */
    void silent(boolean silent) {
        this.silent = silent;
        switches.incrementAndGet();
    }

    boolean silent() {
        return silent;
    }

    /** How many times the relay was switched: equal counts before and after mean no switch between. */
    long switches() {
        return switches.get();
    }

    private static int id(ByteBuf dns) {
        return dns.readableBytes() >= 2 ? dns.getUnsignedShort(dns.readerIndex()) : -1;
    }

    private interface Route {
        InetSocketAddress to(DatagramPacket packet);
    }

    /** Passes each datagram on to where {@code route} says, out of the other socket. */
    private final class Forward extends SimpleChannelInboundHandler<DatagramPacket> {
        private final Route route;

        Forward(Route route) {
            this.route = route;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            if (silent) {
                dropped.incrementAndGet();
                return; // SimpleChannelInboundHandler releases the packet
            }
            InetSocketAddress to = route.to(packet);
            if (to == null) {
                return;
            }
            Channel out = ctx.channel() == front ? back : front;
            out.writeAndFlush(new DatagramPacket(packet.content().retain(), to));
        }
    }

    @Override
    public void close() {
        front.close().syncUninterruptibly();
        back.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
