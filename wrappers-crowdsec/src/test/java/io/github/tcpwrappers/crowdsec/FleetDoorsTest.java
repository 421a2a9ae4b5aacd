/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.crowdsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.crowdsec.testing.FleetSource;
import io.github.tcpwrappers.crowdsec.testing.LazyLapi;
import io.github.tcpwrappers.netty.HostsAccessHandler;
import io.github.tcpwrappers.servlet.HostsAccessFilter;
import io.github.tcpwrappers.testing.BanRules;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One ban written elsewhere in the fleet (another server's write to a real Redis, or
 * {@code cscli decisions add} on a real CrowdSec LAPI) ends what the banned client has open at
 * the doors within 1 s of the engine holding it: Netty channels closed, the next request of a
 * kept-alive HTTP/1.1 connection and the next stream of an HTTP/2 connection refused; another
 * client is untouched (gRPC: {@code grpc.FleetBanGrpcTest}). Each 127.8.x.y is a different client.
 */
class FleetDoorsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(200);
    @RegisterExtension
    static final LazyLapi LAPI = new LazyLapi();

    @TempDir
    Path dir;
    private FleetSource fleet;
    private HostsAccess access;
    private final List<AutoCloseable> doors = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = doors.size() - 1; i >= 0; i--) {
            doors.get(i).close();
        }
        if (access != null) {
            access.close();
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    /** An engine on {@code ALL : hosts.ban} in hosts.deny, hosts.ban bound to the fleet's list. */
    private HostsAccess engine(FleetSource.Kind source) throws Exception {
        fleet = FleetSource.start(source, dir, LAPI);
        Path ban = BanRules.write(dir);
        access = HostsAccess.builder().directory(dir).bindList(ban, fleet.source()).build();
        assertTrue(access.awaitLists(WAIT), "the list arrives: " + access.lists());
        return access;
    }

    // ---- Netty ---------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(FleetSource.Kind.class)
    void aFleetBanClosesTheClientsOpenNettyChannels(FleetSource.Kind source) throws Exception {
        HostsAccess access = engine(source);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        doors.add(() -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync());
        Channel listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HostsAccessHandler(access, "echo"), new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelActive(ChannelHandlerContext ctx) {
                                ctx.writeAndFlush(Unpooled.copiedBuffer("hello\n", StandardCharsets.US_ASCII));
                            }
                        });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        int port = ((InetSocketAddress) listener.localAddress()).getPort();
        try (Socket banned = greeted("127.8.0.5", port); Socket bannedToo = greeted("127.8.0.5", port);
                Socket other = greeted("127.8.0.6", port)) {
            CompletableFuture<Void> first = closedByServer(banned);
            CompletableFuture<Void> second = closedByServer(bannedToo);
            CompletableFuture<Void> others = closedByServer(other);
            fleet.banAndAwait(access, "netty", "127.8.0.5", "both channels closed", () -> first.isDone() && second.isDone());
            assertFalse(others.isDone(), "another client's channel stays open");
            greeted("127.8.0.6", port).close();
        }
    }

    private static Socket greeted(String client, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(client, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout((int) WAIT.toMillis() * 2);
        byte[] hello = socket.getInputStream().readNBytes(6);
        assertEquals("hello\n", new String(hello, StandardCharsets.US_ASCII), client + " is let in first");
        return socket;
    }

    /** Completes when the server ends the socket (end of stream or reset). */
    private static CompletableFuture<Void> closedByServer(Socket socket) {
        return CompletableFuture.runAsync(() -> {
            try {
                while (socket.getInputStream().read() >= 0) {
                    // nothing more is sent; a byte would be read past
                }
            } catch (IOException reset) {
                // ended by a reset: closed all the same
            }
        });
    }

    // ---- servlet (Jetty): HTTP/1.1 kept alive and HTTP/2 --------------------------------

    /** Jetty with the filter before a servlet that answers "ok": an HTTP/1.1 port and an h2c (prior knowledge) port. */
    private int[] jetty(HostsAccess access) throws Exception {
        Server server = new Server();
        HttpConfiguration config = new HttpConfiguration();
        ServerConnector http11 = new ServerConnector(server, new HttpConnectionFactory(config));
        ServerConnector h2c = new ServerConnector(server, new HTTP2CServerConnectionFactory(config));
        for (ServerConnector connector : new ServerConnector[] {http11, h2c}) {
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
        }
        ServletContextHandler context = new ServletContextHandler("/");
        context.addFilter(new FilterHolder(HostsAccessFilter.create(access, "shop")), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.setContentType("text/plain");
                response.getWriter().print("ok");
            }
        }), "/*");
        server.setHandler(context);
        server.start();
        doors.add(server::stop);
        return new int[] {http11.getLocalPort(), h2c.getLocalPort()};
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(FleetSource.Kind.class)
    void aFleetBanRefusesTheNextRequestOnAKeptAliveHttp11Connection(FleetSource.Kind source) throws Exception {
        int port = jetty(engine(source))[0];
        try (Socket banned = httpClient("127.8.2.5", port); Socket other = httpClient("127.8.2.6", port)) {
            assertEquals(200, get(banned, "/a"));
            assertEquals(200, get(other, "/a"));
            fleet.banAndAwait(access, "servlet http/1.1", "127.8.2.5", "the next request on the same connection refused",
                    () -> get(banned, "/b") == 403);
            assertEquals(200, get(other, "/b"), "another client's connection is served");
        }
    }

    private static Socket httpClient(String client, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(client, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout((int) WAIT.toMillis());
        return socket;
    }

    /** One GET on a kept-alive connection: its status, its body read (Content-Length) so the next can follow. */
    private static int get(Socket socket, String path) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String status = line(in);
            int length = 0;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Integer.parseInt(header.substring(15).trim());
                }
            }
            in.readNBytes(length);
            return Integer.parseInt(status.split(" ")[1]);
        } catch (IOException e) {
            throw new AssertionError("the kept-alive connection failed", e);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed after \"" + b + "\"");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(FleetSource.Kind.class)
    void aFleetBanRefusesTheNextStreamOnAnHttp2Connection(FleetSource.Kind source) throws Exception {
        int port = jetty(engine(source))[1];
        Session banned = h2Session("127.8.3.5", port);
        Session other = h2Session("127.8.3.6", port);
        assertEquals(200, h2Get(banned, port, "/a"));
        assertEquals(200, h2Get(other, port, "/a"));
        fleet.banAndAwait(access, "servlet http/2", "127.8.3.5", "the next stream on the same connection refused",
                () -> h2Get(banned, port, "/b") == 403);
        assertFalse(banned.isClosed(), "the same HTTP/2 connection, decided again per request");
        assertEquals(200, h2Get(other, port, "/b"), "another client's connection is served");
    }

    private Session h2Session(String client, int port) throws Exception {
        ClientConnector connector = new ClientConnector();
        connector.setBindAddress(new InetSocketAddress(client, 0));
        HTTP2Client http2 = new HTTP2Client(connector);
        http2.start();
        doors.add(http2::stop);
        return http2.connect(new InetSocketAddress("127.0.0.1", port), new Session.Listener() {
        }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The status of one GET on a new stream of {@code session}. */
    private static int h2Get(Session session, int port, String path) {
        CompletableFuture<Integer> status = new CompletableFuture<>();
        MetaData.Request request = new MetaData.Request("GET", HttpURI.from("http://127.0.0.1:" + port + path),
                HttpVersion.HTTP_2, HttpFields.EMPTY);
        session.newStream(new HeadersFrame(request, null, true), new Stream.Listener() {
            @Override
            public void onHeaders(Stream stream, HeadersFrame frame) {
                if (frame.getMetaData() instanceof MetaData.Response response) {
                    status.complete(response.getStatus());
                }
            }

            @Override
            public void onFailure(Stream stream, int error, String reason, Throwable failure,
                    Callback callback) {
                status.completeExceptionally(failure);
                callback.succeeded();
            }
        }).whenComplete((stream, failure) -> {
            if (failure != null) {
                status.completeExceptionally(failure);
            }
        });
        try {
            return status.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("GET " + path + " over HTTP/2 failed", e);
        }
    }
}
