/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.examples.quickstart.GrpcQuickStart;
import io.github.tcpwrappers.examples.quickstart.NettyQuickStart;
import io.github.tcpwrappers.examples.quickstart.ServletQuickStart;
import io.grpc.Server;
import io.grpc.Status;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's quick starts are these compiled files, shown whole, and each one does what the
 * README says on real loopback sockets: 127.0.0.1 gets in, 127.0.0.2 is refused.
 */
class QuickStartTest {
    private static final Path README = Path.of("../README.md");
    private static final Path SOURCES = Path.of("src/main/java/io/github/tcpwrappers/examples/quickstart");
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

    @TempDir
    Path rules;

    private HostsAccess engine() throws IOException {
        Files.writeString(rules.resolve("hosts.allow"), "ALL: 127.0.0.1\n");
        Files.writeString(rules.resolve("hosts.deny"), "ALL: ALL\n");
        return HostsAccess.builder().directory(rules).build();
    }

    static List<String> javaBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^```java\\n(.*?)^```$", Pattern.DOTALL).matcher(markdown);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    /** The README shows the code a newcomer types; the file's licence header is the project's, not theirs. */
    private static String withoutLicenseHeader(String source) {
        return source.startsWith("/*") ? source.substring(source.indexOf("*/") + 2).stripLeading() : source;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"NettyQuickStart.java", "ServletQuickStart.java", "GrpcQuickStart.java"})
    void readmeShowsTheQuickStartFileWhole(String file) throws IOException {
        String source = withoutLicenseHeader(Files.readString(SOURCES.resolve(file), StandardCharsets.UTF_8));
        List<String> blocks = javaBlocks(Files.readString(README, StandardCharsets.UTF_8));
        assertTrue(blocks.contains(source), () -> "README.md has a ```java block that is exactly " + SOURCES.resolve(file)
                + " (copy the file into the README again)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"NettyQuickStart.java, wrappers-netty", "ServletQuickStart.java, wrappers-servlet",
            "GrpcQuickStart.java, wrappers-grpc"})
    void moduleReadmeShowsItsQuickStartFileWhole(String file, String module) throws IOException {
        String source = withoutLicenseHeader(Files.readString(SOURCES.resolve(file), StandardCharsets.UTF_8));
        Path readme = Path.of("..", module, "README.md");
        assertTrue(javaBlocks(Files.readString(readme, StandardCharsets.UTF_8)).contains(source),
                () -> readme + " has a ```java block that is exactly " + SOURCES.resolve(file));
    }

    @Test
    void nettyQuickStartEchoesForAnAllowedClientAndClosesARefusedOne() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (HostsAccess access = engine()) {
            Channel server = NettyQuickStart.start(access, group, ANY_PORT);
            InetSocketAddress at = (InetSocketAddress) server.localAddress();
            assertEquals(List.of("hello"), Clients.echo("127.0.0.1", at, "hello").lines());
            Clients.EchoReply refused = Clients.echo("127.0.0.2", at, "hello");
            assertEquals(List.of(), refused.lines());
            assertTrue(refused.closedByServer());
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void servletQuickStartServesAnAllowedClientAndForbidsARefusedOne() throws Exception {
        try (HostsAccess access = engine()) {
            var server = ServletQuickStart.start(access, ANY_PORT);
            try {
                InetSocketAddress at = new InetSocketAddress("127.0.0.1", server.getURI().getPort());
                Clients.HttpReply granted = Clients.get("127.0.0.1", at);
                assertEquals(200, granted.status(), granted.statusLine());
                assertEquals("welcome to the shop\n", granted.body());
                assertEquals(403, Clients.get("127.0.0.2", at).status());
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void grpcQuickStartAnswersAnAllowedClientAndRefusesAnother() throws Exception {
        ExecutorService application = Executors.newFixedThreadPool(2);
        try (HostsAccess access = engine()) {
            Server server = GrpcQuickStart.start(access, ANY_PORT, GrpcQuickStart.greeter(), application);
            try {
                InetSocketAddress at = new InetSocketAddress("127.0.0.1", server.getPort());
                assertEquals(Status.Code.OK, Clients.greet("127.0.0.1", at, "you").code());
                assertEquals(Status.Code.PERMISSION_DENIED, Clients.greet("127.0.0.2", at, "you").code());
            } finally {
                server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        } finally {
            application.shutdown();
        }
    }
}
