/*
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
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
