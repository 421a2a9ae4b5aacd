/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.netty;

import static io.github.tcpwrappers.netty.Loopback.ascii;
import static io.github.tcpwrappers.netty.Loopback.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.Mode;
import io.github.tcpwrappers.spi.HostNameResolver;
import io.github.tcpwrappers.value.Decision;
import io.github.tcpwrappers.value.HostName;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The edges of a pending decision, stepped by hand on an EmbeddedChannel. */
class HostsAccessHandlerEmbeddedTest {
    static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
    static final InetSocketAddress SERVER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 7);

    @TempDir
    Path dir;
    /** The lookup the engine is waiting for; completed by each test. */
    CompletableFuture<HostName> lookup;
    HostsAccess access;
    Recorder app;

    /** An embedded channel with real IP addresses, so that name rules ask the resolver. */
    static final class IpChannel extends EmbeddedChannel {
        IpChannel(ChannelHandler... handlers) {
            super(handlers);
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return isActive() ? CLIENT : null;
        }

        @Override
        protected SocketAddress localAddress0() {
            return isActive() ? SERVER : null;
        }
    }

    /** The application: records the events it sees. */
    static final class Recorder extends ChannelInboundHandlerAdapter {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            events.add("active");
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            events.add("read " + buf.toString(StandardCharsets.US_ASCII));
            buf.release();
        }
    }

    @BeforeAll
    static void checks() {
        NettyChecks.install();
    }

    @BeforeEach
    void rules() throws Exception {
        write(dir, "hosts.allow", "echo: .example.test\n");
        write(dir, "hosts.deny", "echo: ALL\n");
        lookup = new CompletableFuture<>();
        HostNameResolver names = address -> lookup;
        access = HostsAccess.builder().directory(dir).mode(Mode.STRICT).hostNameResolver(names).build();
        app = new Recorder();
    }

    @Test
    void grantedAfterLookupPassesActiveAndHeldBytesOnThenLeaves() {
        HostsAccessHandler handler = new HostsAccessHandler(access, "echo");
        EmbeddedChannel channel = new IpChannel(handler, app);
        assertFalse(channel.config().isAutoRead(), "reading stops while the name is looked up");
        ByteBuf early = ascii("early");
        channel.writeInbound(early);
        assertEquals(List.of(), app.events, "nothing reaches the application before the decision");

        lookup.complete(new HostName.Verified("host.example.test"));
        channel.runPendingTasks();

        assertEquals(List.of("active", "read early"), app.events);
        assertNull(channel.pipeline().get(HostsAccessHandler.class), "the handler left the pipeline");
        assertTrue(channel.config().isAutoRead(), "reading restored");
        assertTrue(channel.isActive());
        assertEquals(0, early.refCnt());
        channel.finishAndReleaseAll();
    }

    @Test
    void channelClosedDuringLookupIsLeftAloneAndHeldBytesReleased() {
        EmbeddedChannel channel = new IpChannel(new HostsAccessHandler(access, "echo"), app);
        ByteBuf early = ascii("early");
        channel.writeInbound(early);
        channel.close();
        assertEquals(0, early.refCnt(), "held bytes released when the channel closed");

        lookup.complete(new HostName.Verified("host.example.test"));
        channel.runPendingTasks();

        assertEquals(List.of(), app.events, "a closed channel is not passed on");
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void failedLookupMeansUnknownNameAndTheDenyRuleCloses() {
        EmbeddedChannel channel = new IpChannel(new HostsAccessHandler(access, "echo"), app);
        lookup.completeExceptionally(new IOException("SERVFAIL"));
        channel.runPendingTasks();
        assertFalse(channel.isActive(), "denied: closed");
        assertEquals(List.of(), app.events);
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void engineFailureClosesTheChannel() throws Exception {
        // A resolver that breaks its contract makes check() itself fail: refuse, do not admit.
        HostsAccess broken = HostsAccess.builder().directory(dir).mode(Mode.STRICT)
                .hostNameResolver(address -> null).build();
        EmbeddedChannel channel = new IpChannel(new HostsAccessHandler(broken, "echo"), app);
        channel.runPendingTasks();
        assertFalse(channel.isActive());
        assertEquals(List.of(), app.events);
    }

    @Test
    void overriddenChannelRejectedSendsItsOwnReply() {
        HostsAccessHandler handler = new HostsAccessHandler(access, "echo") {
            @Override
            protected ChannelFuture channelRejected(ChannelHandlerContext ctx, Decision decision) {
                return ctx.writeAndFlush(ascii("refused by " + decision.rule().orElseThrow().line() + "\n"));
            }
        };
        EmbeddedChannel channel = new IpChannel(handler, app);
        lookup.complete(new HostName.Verified("elsewhere.example.org"));
        channel.runPendingTasks();
        ByteBuf reply = channel.readOutbound();
        assertEquals("refused by 1\n", reply.toString(StandardCharsets.US_ASCII));
        reply.release();
        assertFalse(channel.isActive());
        assertEquals(List.of(), app.events);
    }

    @Test
    void channelAcceptedHookSeesTheDecisionBeforeTheApplication() {
        List<String> seen = new CopyOnWriteArrayList<>();
        HostsAccessHandler handler = new HostsAccessHandler(access, "echo") {
            @Override
            protected void channelAccepted(ChannelHandlerContext ctx, Decision decision) {
                seen.add("accepted by line " + decision.rule().orElseThrow().line() + ", app saw " + app.events);
            }
        };
        EmbeddedChannel channel = new IpChannel(handler, app);
        lookup.complete(new HostName.Verified("a.example.test"));
        channel.runPendingTasks();
        assertEquals(List.of("accepted by line 1, app saw []"), seen);
        assertEquals(List.of("active"), app.events);
        channel.finishAndReleaseAll();
    }
}
