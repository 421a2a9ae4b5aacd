/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.lookup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An ident server on a loopback address: reads one query line and writes what the test's
 * function answers for it; an empty answer means it never answers (it holds the connection
 * open, reading, until the client gives up).
 */
final class IdentServer implements AutoCloseable {
    private final ServerSocket server;
    private final Function<String, Optional<String>> replies;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final List<InetAddress> peers = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    IdentServer(InetAddress address, int port, Function<String, Optional<String>> replies) throws IOException {
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(address, port));
        this.replies = replies;
        this.acceptor = new Thread(this::serve, "ident-" + address.getHostAddress());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Answers every query with a fixed line (CRLF added). */
    static IdentServer answering(InetAddress address, int port, String reply) throws IOException {
        return new IdentServer(address, port, query -> Optional.of(reply));
    }

    /** Reads queries and never answers. */
    static IdentServer silent(InetAddress address, int port) throws IOException {
        return new IdentServer(address, port, query -> Optional.empty());
    }

    int port() {
        return server.getLocalPort();
    }

    /** Query lines received, without their line end. */
    List<String> queries() {
        return queries;
    }

    /** Where ident connections came from. */
    List<InetAddress> peers() {
        return peers;
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                peers.add(socket.getInetAddress());
                Thread handler = new Thread(() -> answer(socket), "ident-conn");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void answer(Socket socket) {
        try (socket) {
            socket.setSoTimeout(30_000);
            String query = readLine(socket.getInputStream());
            queries.add(query);
            Optional<String> reply = replies.apply(query);
            if (reply.isEmpty()) {
                // Never answer: wait for the client to give up and close.
                while (socket.getInputStream().read() >= 0) {
                    // discard
                }
                return;
            }
            OutputStream out = socket.getOutputStream();
            out.write(reply.get().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            // the client went away
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            int c = in.read();
            if (c < 0 || c == '\n') {
                break;
            }
            line.append((char) c);
        }
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        acceptor.join(5000);
    }
}
