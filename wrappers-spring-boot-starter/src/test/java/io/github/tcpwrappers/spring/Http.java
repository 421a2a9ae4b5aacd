/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spring;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a socket bound to a chosen loopback address (each 127.x.y.z is a different
 * client to the server), so the rules see that client.
 */
final class Http {
    /**
     * What came back.
     *
     * @param status the status code, or -1 when the server closed the connection without a byte
     * @param body the body (after the blank line), as UTF-8
     */
    record Response(int status, String body) {
        boolean closedSilently() {
            return status == -1;
        }
    }

    private Http() {
    }

    static Response get(String client, int port, String path) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(client, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(20_000);
            try {
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            } catch (SocketException e) {
                // The server may already have closed a refused connection.
            }
            byte[] bytes = readAll(socket.getInputStream());
            if (bytes.length == 0) {
                return new Response(-1, "");
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            int blank = text.indexOf("\r\n\r\n");
            return new Response(status, blank < 0 ? "" : text.substring(blank + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads to the end; a reset after nothing was read counts as a silent close. */
    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (SocketException e) {
            if (out.size() > 0) {
                throw e;
            }
        }
        return out.toByteArray();
    }
}
