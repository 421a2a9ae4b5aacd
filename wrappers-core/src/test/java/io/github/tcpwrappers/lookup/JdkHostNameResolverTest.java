/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.spi.HostNameSyntax;
import io.github.tcpwrappers.testing.Dnsmasq;
import io.github.tcpwrappers.value.HostName;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The JDK resolver's DNS back-end against dnsmasq on 127.0.0.1. */
class JdkHostNameResolverTest {
    private static Dnsmasq dns;
    private static JdkHostNameResolver resolver;

    @BeforeAll
    static void startDns() throws Exception {
        dns = ExampleZone.start();
        resolver = JdkHostNameResolver.builder().dnsServer(dns.url()).timeout(Duration.ofSeconds(3)).build();
    }

    @AfterAll
    static void stopDns() throws Exception {
        resolver.close();
        dns.close();
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("127.0.0.2", new HostName.Verified("good.example.com")),
                Arguments.of("fd00::2", new HostName.Verified("good.example.com")),
                Arguments.of("::1", new HostName.Verified("six.example.com")),
                Arguments.of("127.0.0.3", new HostName.Paranoid("forged.example.com")),
                Arguments.of("fd00::3", new HostName.Paranoid("forged.example.com")),
                Arguments.of("127.0.0.5", new HostName.Paranoid("ghost.example.com")),
                Arguments.of("127.0.0.6", HostName.unknown()),
                Arguments.of("127.0.0.4", HostName.unknown()),
                Arguments.of("fd00::4", HostName.unknown()));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("answers")
    void answersAsReverseThenForwardLookupsSay(String address, HostName expected) throws Exception {
        HostName name = resolver.verifiedName(InetAddress.getByName(address)).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertEquals(expected, name, dnsLog());
    }

    @Test
    void serverThatNeverAnswersGivesUnknownWithinTheTimeout() throws Exception {
        try (SilentDnsServer silent = new SilentDnsServer();
                JdkHostNameResolver slow = JdkHostNameResolver.builder().dnsServer(silent.url())
                        .timeout(Duration.ofMillis(800)).build()) {
            CompletableFuture<HostName> name = slow.verifiedName(InetAddress.getByName("127.0.0.2")).toCompletableFuture();
            assertFalse(name.isDone(), "the lookup ran on the caller's thread");
            assertEquals(HostName.unknown(), name.get(5, TimeUnit.SECONDS));
            assertTrue(silent.queries() >= 1, "the silent server saw no query");
        }
    }

    @Test
    void silentFirstServerFallsBackToTheNext() throws Exception {
        try (SilentDnsServer silent = new SilentDnsServer();
                JdkHostNameResolver twoServers = JdkHostNameResolver.builder().dnsServer(silent.url())
                        .dnsServer(dns.url()).timeout(Duration.ofSeconds(4)).build()) {
            HostName name = twoServers.verifiedName(InetAddress.getByName("127.0.0.2")).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertEquals(new HostName.Verified("good.example.com"), name, dnsLog());
            assertTrue(silent.queries() >= 1, "the first server was not asked");
        }
    }

    @Test
    void fullQueueAnswersUnknownAtOnce() throws Exception {
        try (SilentDnsServer silent = new SilentDnsServer();
                JdkHostNameResolver one = JdkHostNameResolver.builder().dnsServer(silent.url()).threads(1)
                        .queueCapacity(1).timeout(Duration.ofSeconds(2)).build()) {
            InetAddress address = InetAddress.getByName("127.0.0.2");
            CompletableFuture<HostName> running = one.verifiedName(address).toCompletableFuture();
            CompletableFuture<HostName> queued = one.verifiedName(address).toCompletableFuture();
            CompletableFuture<HostName> refused = one.verifiedName(address).toCompletableFuture();
            assertTrue(refused.isDone(), "a lookup beyond the queue waited");
            assertEquals(HostName.unknown(), refused.join());
            assertFalse(running.isDone());
            assertEquals(HostName.unknown(), running.get(10, TimeUnit.SECONDS));
            assertEquals(HostName.unknown(), queued.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void closedResolverAnswersUnknown() throws Exception {
        JdkHostNameResolver closed = JdkHostNameResolver.builder().dnsServer(dns.url()).build();
        closed.close();
        assertEquals(HostName.unknown(), closed.verifiedName(InetAddress.getByName("127.0.0.2")).toCompletableFuture()
                .get(1, TimeUnit.SECONDS));
    }

    @ParameterizedTest
    @MethodSource("badServers")
    void rejectsServersThatAreNotDnsUrls(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JdkHostNameResolver.builder().dnsServer(url).build());
        assertTrue(e.getMessage().contains("dns://HOST[:PORT]"), e.getMessage());
    }

    static Stream<String> badServers() {
        return Stream.of("127.0.0.1:53", "http://127.0.0.1", "dns://127.0.0.1/example.com", "dns:// bad");
    }

    @Test
    void rejectsNonsenseLimits() {
        assertThrows(IllegalArgumentException.class, () -> JdkHostNameResolver.builder().threads(0));
        assertThrows(IllegalArgumentException.class, () -> JdkHostNameResolver.builder().queueCapacity(0));
        assertThrows(IllegalArgumentException.class, () -> JdkHostNameResolver.builder().timeout(Duration.ZERO));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("reverseNames")
    void writesReverseNames(String address, String expected) throws Exception {
        assertEquals(expected, HostNameSyntax.reverseName(InetAddress.getByName(address)));
    }

    static Stream<Arguments> reverseNames() {
        return Stream.of(
                Arguments.of("192.0.2.10", "10.2.0.192.in-addr.arpa."),
                Arguments.of("2001:db8::567:89ab",
                        "b.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa."));
    }

    @ParameterizedTest(name = "\"{0}\" is a host name: {1}")
    @MethodSource("hostNames")
    void acceptsOnlyHostNamesFromPtrAnswers(String name, boolean ok) {
        assertEquals(ok, HostNameSyntax.isHostName(name));
    }

    static Stream<Arguments> hostNames() {
        return Stream.of(
                Arguments.of("good.example.com", true),
                Arguments.of("_srv.x-y.example", true),
                Arguments.of("localhost", true),
                Arguments.of("", false),
                Arguments.of("bad name.example.com", false),
                Arguments.of("a..b", false),
                Arguments.of(".a", false),
                Arguments.of("a/b", false),
                Arguments.of("é.example", false),
                Arguments.of("semi;colon.example", false),
                Arguments.of("new\nline.example", false),
                Arguments.of("tab\t.example", false),
                Arguments.of("back\\slash.example", false),
                Arguments.of("x".repeat(64) + ".example", false),
                Arguments.of(("a".repeat(60) + ".").repeat(5), false));
    }

    @ParameterizedTest(name = "{0} bytes: taken {1}")
    @CsvSource({"1, true", "126, true", "127, true", "128, false", "140, false", "253, false"})
    void takesOnlyPtrNamesThatFitLibwrapsBuffer(int length, boolean taken) {
        StringBuilder name = new StringBuilder();
        while (name.length() < length) {
            name.append(name.length() % 60 == 59 ? '.' : 'a');
        }
        if (name.charAt(name.length() - 1) == '.') {
            name.setCharAt(name.length() - 1, 'a');
        }
        assertTrue(HostNameSyntax.isHostName(name.toString()), name::toString);
        assertEquals(taken, HostNameSyntax.acceptsPtrName(name.toString()));
    }

    private static String dnsLog() {
        try {
            return "dnsmasq said:\n" + dns.log();
        } catch (Exception e) {
            return "no dnsmasq log: " + e;
        }
    }
}
