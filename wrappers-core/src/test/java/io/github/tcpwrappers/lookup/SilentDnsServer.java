/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.lookup;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/** A "DNS server" on 127.0.0.1 that reads every query and never answers. */
final class SilentDnsServer implements AutoCloseable {
    private final DatagramSocket socket;
    private final AtomicInteger queries = new AtomicInteger();
    private final Thread reader;

    SilentDnsServer() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        reader = new Thread(() -> {
            byte[] buffer = new byte[4096];
            while (!socket.isClosed()) {
                try {
                    socket.receive(new DatagramPacket(buffer, buffer.length));
                    queries.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        }, "silent-dns");
        reader.setDaemon(true);
        reader.start();
    }

    String url() {
        return "dns://127.0.0.1:" + socket.getLocalPort();
    }

    int queries() {
        return queries.get();
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        reader.join(5000);
    }
}
