/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Daemon names are checked once, in the request, with the rule every door shares. */
class AccessRequestTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.2", 40000);
    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 22);

    @ParameterizedTest
    @ValueSource(strings = {"sshd", "in.ftpd", "helloworld.Greeter", "helloworld.Greeter/SayHello", "a_b-c", "ss;h"})
    void namesARuleCanNameAreTaken(String daemon) {
        assertEquals(daemon, AccessRequest.requireDaemonName(daemon));
        assertEquals(daemon, AccessRequest.of(daemon, CLIENT, SERVER).daemon());
    }

    static Stream<Arguments> unnameable() {
        return Stream.of(
                Arguments.of("", "must not be empty"),
                Arguments.of("ss hd", "a blank or control character at 2"),
                Arguments.of("sshd\t", "a blank or control character at 4"),
                Arguments.of("a,b", "',' at 1"),
                Arguments.of("sshd:", "':' at 4"));
    }

    @ParameterizedTest
    @MethodSource("unnameable")
    void namesNoRuleCouldNameAreRefusedWithTheReason(String daemon, String reason) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> AccessRequest.of(daemon, CLIENT, SERVER));
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
        assertEquals(refused.getMessage(), assertThrows(IllegalArgumentException.class,
                () -> AccessRequest.requireDaemonName(daemon)).getMessage(), "the same check at configuration");
    }
}
