/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The example as shipped: its application.yaml and its rules directory, on a random port. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ShopApplicationTest {
    @LocalServerPort
    int port;

    @ParameterizedTest
    @CsvSource({"127.0.0.1, /, 200", "127.0.0.3, /, 200", "127.0.0.2, /, 403",
            "127.0.0.1, /actuator/health, 200", "127.0.0.3, /actuator/health, 403"})
    void theShippedRulesDecideEachClient(String client, String path, int status) {
        String answer = get(client, path);
        assertEquals(status, Integer.parseInt(answer.substring(9, 12)), answer);
        if (status == 200 && path.equals("/")) {
            assertTrue(answer.contains("Welcome to the shop."), answer);
        }
    }

    private String get(String client, String path) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(client, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
