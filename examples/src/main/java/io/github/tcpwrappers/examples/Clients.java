/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.examples;

import io.grpc.Attributes;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Clients of the three servers whose sockets bind a chosen local address: on Linux every
 * 127.x.y.z is a different client of a loopback server. Each waits at most {@value #TIMEOUT_MS} ms.
 */
final class Clients {
    static final int TIMEOUT_MS = 5000;

    private Clients() {
    }

    /** What the echo client read: every line until its own came back or the server closed. */
    record EchoReply(int localPort, List<String> lines, boolean closedByServer) {
    }

    /** An HTTP answer: status line, status, body. */
    record HttpReply(int localPort, String statusLine, int status, String body) {
    }

    /** A gRPC answer: the status code and the greeting or the status description. */
    record GrpcReply(Status.Code code, String text) {
    }

    /** Connects from {@code from}, sends {@code line}, reads until it comes back or the server closes. */
    static EchoReply echo(String from, InetSocketAddress server, String line) throws IOException {
        try (Socket socket = connect(from, server)) {
            OutputStream out = socket.getOutputStream();
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String read = in.readLine();
                if (read == null) {
                    return new EchoReply(socket.getLocalPort(), lines, true);
                }
                lines.add(read);
                if (read.equals(line)) {
                    break;
                }
            }
            return new EchoReply(socket.getLocalPort(), lines, false);
        }
    }

    /** {@code GET /} over HTTP/1.0 (the server closes after the answer: no chunks to undo). */
    static HttpReply get(String from, InetSocketAddress server) throws IOException {
        try (Socket socket = connect(from, server)) {
            socket.getOutputStream().write(("GET / HTTP/1.0\r\nHost: " + server.getHostString() + ":"
                    + server.getPort() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headersEnd = answer.indexOf("\r\n\r\n");
            if (headersEnd < 0) {
                throw new IOException("not an HTTP answer: " + answer);
            }
            String statusLine = answer.substring(0, answer.indexOf("\r\n"));
            String[] parts = statusLine.split(" ", 3);
            int status = parts.length >= 2 && parts[1].matches("\\d{3}") ? Integer.parseInt(parts[1]) : -1;
            return new HttpReply(socket.getLocalPort(), statusLine, status, answer.substring(headersEnd + 4));
        }
    }

    /** Calls SayHello on a new channel (a new connection) from {@code from}. */
    static GrpcReply greet(String from, InetSocketAddress server, String name) throws InterruptedException {
        ManagedChannel channel = NettyChannelBuilder.forAddress(server)
                .usePlaintext()
                .localSocketPicker(new NettyChannelBuilder.LocalSocketPicker() {
                    @Override
                    public SocketAddress createSocketAddress(SocketAddress remote, Attributes attrs) {
                        return new InetSocketAddress(from, 0);
                    }
                })
                .build();
        try {
            String greeting = ClientCalls.blockingUnaryCall(channel, GreeterServer.SAY_HELLO,
                    CallOptions.DEFAULT.withDeadlineAfter(TIMEOUT_MS, TimeUnit.MILLISECONDS), name);
            return new GrpcReply(Status.Code.OK, greeting);
        } catch (StatusRuntimeException e) {
            return new GrpcReply(e.getStatus().getCode(), String.valueOf(e.getStatus().getDescription()));
        } finally {
            channel.shutdownNow();
            channel.awaitTermination(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
    }

    static Socket connect(String from, InetSocketAddress server) throws IOException {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(from, 0));
            socket.setSoTimeout(TIMEOUT_MS);
            socket.connect(server, TIMEOUT_MS);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
