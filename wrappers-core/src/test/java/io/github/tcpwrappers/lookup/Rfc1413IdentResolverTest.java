/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The ident client against ident servers on loopback addresses. */
class Rfc1413IdentResolverTest {
    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 2222);

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    private static Optional<String> ask(int port, InetSocketAddress client, Duration timeout) throws Exception {
        return Rfc1413IdentResolver.onPort(port).user(client, SERVER, timeout).toCompletableFuture()
                .get(15, TimeUnit.SECONDS);
    }

    @Test
    void namesTheUserTheIdentServerReports() throws Exception {
        try (IdentServer ident = new IdentServer(ip("127.0.0.2"), 0, query -> Optional.of(
                query.equals("40001 , 2222") ? "40001 , 2222 : USERID : UNIX : alice\r\n" : "0 , 0 : ERROR : INVALID-PORT\r\n"))) {
            Optional<String> user = ask(ident.port(), new InetSocketAddress("127.0.0.2", 40001), Duration.ofSeconds(5));
            assertEquals(Optional.of("alice"), user);
            assertEquals(List.of("40001 , 2222"), ident.queries());
            assertEquals(List.of(ip("127.0.0.1")), ident.peers(), "ident was not asked from the server's address");
        }
    }

    @Test
    void asksOverIpv6() throws Exception {
        try (IdentServer ident = IdentServer.answering(ip("::1"), 0, "40002 , 2222 : USERID : UNIX : bob\r\n")) {
            InetSocketAddress server = new InetSocketAddress("::1", 2222);
            Optional<String> user = Rfc1413IdentResolver.onPort(ident.port())
                    .user(new InetSocketAddress("::1", 40002), server, Duration.ofSeconds(5)).toCompletableFuture()
                    .get(15, TimeUnit.SECONDS);
            assertEquals(Optional.of("bob"), user);
        }
    }

    @Test
    void errorReplyGivesNoUser() throws Exception {
        try (IdentServer ident = IdentServer.answering(ip("127.0.0.3"), 0, "40003 , 2222 : ERROR : NO-USER\r\n")) {
            assertEquals(Optional.empty(), ask(ident.port(), new InetSocketAddress("127.0.0.3", 40003), Duration.ofSeconds(5)));
            assertEquals(1, ident.queries().size());
        }
    }

    @Test
    void silentServerGivesNoUserWithinTheTimeout() throws Exception {
        try (IdentServer ident = IdentServer.silent(ip("127.0.0.4"), 0)) {
            CompletableFuture<Optional<String>> user = Rfc1413IdentResolver.onPort(ident.port())
                    .user(new InetSocketAddress("127.0.0.4", 40004), SERVER, Duration.ofMillis(700)).toCompletableFuture();
            assertFalse(user.isDone(), "the query blocked its caller");
            assertEquals(Optional.empty(), user.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void refusedConnectionGivesNoUser() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, ip("127.0.0.5"))) {
            closedPort = probe.getLocalPort();
        }
        assertEquals(Optional.empty(), ask(closedPort, new InetSocketAddress("127.0.0.5", 40005), Duration.ofSeconds(5)));
    }

    @Test
    void overlongReplyGivesNoUser() throws Exception {
        String endless = "40006 , 2222 : USERID : UNIX : " + "a".repeat(Rfc1413IdentResolver.MAX_REPLY) + "\r\n";
        try (IdentServer ident = IdentServer.answering(ip("127.0.0.6"), 0, endless)) {
            assertEquals(Optional.empty(), ask(ident.port(), new InetSocketAddress("127.0.0.6", 40006), Duration.ofSeconds(5)));
        }
    }

    @Test
    void replyWithoutLineEndBeforeCloseStillCounts() throws Exception {
        try (IdentServer ident = IdentServer.answering(ip("127.0.0.7"), 0, "40007 , 2222 : USERID : UNIX : carol")) {
            assertEquals(Optional.of("carol"), ask(ident.port(), new InetSocketAddress("127.0.0.7", 40007), Duration.ofSeconds(5)));
        }
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @MethodSource("replies")
    void readsReplyLinesAsLibwrapDoes(String line, Optional<String> expected) {
        assertEquals(expected, Rfc1413IdentResolver.parse(line, 6193, 23));
    }

    static Stream<Arguments> replies() {
        return Stream.of(
                Arguments.of("6193, 23 : USERID : UNIX : stjohns\r", Optional.of("stjohns")),
                Arguments.of("6193,23:USERID:UNIX:stjohns", Optional.of("stjohns")),
                Arguments.of("  6193 ,  23 : USERID : OTHER,UTF-8 :   x y z", Optional.of("x")),
                Arguments.of("6193, 23 : USERID : UNIX : user:with:colons", Optional.of("user:with:colons")),
                Arguments.of("6193, 23 : USERID : UNIX : " + "u".repeat(300), Optional.of("u".repeat(255))),
                Arguments.of("6193, 23 : USERID : UNIX :   \r", Optional.empty()),
                Arguments.of("6193, 23 : ERROR : NO-USER", Optional.empty()),
                Arguments.of("6193, 23 : ERROR : HIDDEN-USER : x", Optional.empty()),
                Arguments.of("6193, 24 : USERID : UNIX : mallory", Optional.empty()),
                Arguments.of("6194, 23 : USERID : UNIX : mallory", Optional.empty()),
                Arguments.of("6193 : USERID : UNIX : mallory", Optional.empty()),
                Arguments.of("+6193, 23 : USERID : UNIX : mallory", Optional.empty()),
                Arguments.of("6193, 23 : userid : UNIX : mallory", Optional.empty()),
                Arguments.of("6193, 23 : USERID : UNIX", Optional.empty()),
                Arguments.of("", Optional.empty()),
                Arguments.of("garbage", Optional.empty()));
    }

    @Test
    void rejectsPortsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> Rfc1413IdentResolver.onPort(0));
        assertThrows(IllegalArgumentException.class, () -> Rfc1413IdentResolver.onPort(65536));
    }

    @Test
    void zeroTimeoutAsksNobody() throws Exception {
        try (IdentServer ident = IdentServer.answering(ip("127.0.0.8"), 0, "40008 , 2222 : USERID : UNIX : dave\r\n")) {
            assertEquals(Optional.empty(), ask(ident.port(), new InetSocketAddress("127.0.0.8", 40008), Duration.ZERO));
            assertTrue(ident.queries().isEmpty());
        }
    }
}
