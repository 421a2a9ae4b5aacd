/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.lookup;

import io.github.tcpwrappers.effects.Deadlines;
import io.github.tcpwrappers.spi.IdentResolver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the client host's ident server (RFC 1413) who owns a connection, as libwrap's rfc931
 * client does: connects from the server's address to the client's port 113, sends
 * {@code <client-port> , <server-port>\r\n} and reads one reply line. A
 * {@code USERID : <os> : <user>} reply for the same port pair gives the user (its first word,
 * as libwrap reads it); an {@code ERROR} reply, anything else, a reply over 1000 bytes, a
 * refused connection or the timeout give empty. Non-blocking: it runs on the JDK's
 * asynchronous channel threads.
 *
 * <pre>{@code
 * HostsAccess access = HostsAccess.builder().identResolver(Rfc1413IdentResolver.create()).build();
 * }</pre>
 */
public final class Rfc1413IdentResolver implements IdentResolver {
    private static final Logger LOG = LoggerFactory.getLogger(Rfc1413IdentResolver.class);
    /** RFC 1413 keeps replies under 1000 characters. */
    static final int MAX_REPLY = 1000;
    /** libwrap reads the user with {@code %255s}. */
    private static final int MAX_USER = 255;

    private final int port;
    /** Its own timer (its thread ends when idle): the JDK's would lock on the caller's thread. */
    private final Deadlines deadlines = Deadlines.create("ident");

    private Rfc1413IdentResolver(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("ident port must be 1..65535: " + port);
        }
        this.port = port;
    }

    /** Asks ident on the standard port, 113. */
    public static Rfc1413IdentResolver create() {
        return new Rfc1413IdentResolver(113);
    }

    /** Asks ident on another port (test servers, non-standard setups). */
    public static Rfc1413IdentResolver onPort(int port) {
        return new Rfc1413IdentResolver(port);
    }

    @Override
    public CompletionStage<Optional<String>> user(InetSocketAddress client, InetSocketAddress server, Duration timeout) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(timeout, "timeout");
        CompletableFuture<Optional<String>> result = new CompletableFuture<>();
        if (client.getAddress() == null || timeout.isNegative() || timeout.isZero()) {
            result.complete(Optional.empty());
            return result;
        }
        AsynchronousSocketChannel channel;
        try {
            channel = AsynchronousSocketChannel.open();
        } catch (IOException e) {
            LOG.debug("cannot open an ident connection: {}", e.toString());
            result.complete(Optional.empty());
            return result;
        }
        deadlines.orElse(result, timeout, Optional.empty());
        // Closing aborts whatever is pending when the answer (or the timeout) is in.
        result.whenComplete((user, failure) -> close(channel));
        new Query(channel, client, server, result).start();
        return result;
    }

    /** One ident conversation: connect, write the port pair, read one line. */
    private final class Query {
        private final AsynchronousSocketChannel channel;
        private final InetSocketAddress client;
        private final InetSocketAddress server;
        private final CompletableFuture<Optional<String>> result;
        private final ByteBuffer reply = ByteBuffer.allocate(MAX_REPLY);

        Query(AsynchronousSocketChannel channel, InetSocketAddress client, InetSocketAddress server,
                CompletableFuture<Optional<String>> result) {
            this.channel = channel;
            this.client = client;
            this.server = server;
            this.result = result;
        }

        void start() {
            try {
                // From the address the client reached us on, so its ident server sees the
                // same pair of hosts (libwrap binds the same way).
                channel.bind(new InetSocketAddress(server.getAddress(), 0));
            } catch (IOException | RuntimeException e) {
                LOG.debug("ident from {} unbound: {}", server.getAddress(), e.toString());
            }
            try {
                channel.connect(new InetSocketAddress(client.getAddress(), port), null,
                        handler(ignored -> write(request())));
            } catch (RuntimeException e) {
                // An address this channel cannot reach (wrong family, closed group): no user.
                LOG.debug("ident query to {} not started: {}", client.getAddress(), e.toString());
                result.complete(Optional.empty());
            }
        }

        private ByteBuffer request() {
            String line = client.getPort() + " , " + server.getPort() + "\r\n";
            return ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
        }

        private void write(ByteBuffer out) {
            channel.write(out, null, handler(written -> {
                if (out.hasRemaining()) {
                    write(out);
                } else {
                    read();
                }
            }));
        }

        private void read() {
            channel.read(reply, null, handler(count -> {
                int end = lineEnd();
                if (end >= 0 || count < 0) {
                    String line = new String(reply.array(), 0, end >= 0 ? end : reply.position(), StandardCharsets.UTF_8);
                    result.complete(parse(line, client.getPort(), server.getPort()));
                } else if (!reply.hasRemaining()) {
                    LOG.debug("ident reply from {} longer than {} bytes", client.getAddress(), MAX_REPLY);
                    result.complete(Optional.empty());
                } else {
                    read();
                }
            }));
        }

        private int lineEnd() {
            byte[] bytes = reply.array();
            for (int i = 0; i < reply.position(); i++) {
                if (bytes[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        private <V> CompletionHandler<V, Void> handler(Consumer<V> next) {
            return new CompletionHandler<>() {
                @Override
                public void completed(V value, Void attachment) {
                    if (result.isDone()) {
                        return;
                    }
                    try {
                        next.accept(value);
                    } catch (Throwable e) {
                        // On the channel group's thread: an Error too ends this query, not the thread.
                        failed(e, attachment);
                    }
                }

                @Override
                public void failed(Throwable failure, Void attachment) {
                    if (!result.isDone()) {
                        LOG.debug("ident query to {}:{} failed: {}", client.getAddress(), port, failure.toString());
                    }
                    result.complete(Optional.empty());
                }
            };
        }
    }

    /**
     * Reads one reply line: {@code <port> , <port> : USERID : <os>[,<charset>] : <user>} for our
     * pair of ports gives the user's first word; everything else (ERROR replies included) gives
     * empty.
     */
    static Optional<String> parse(String line, int clientPort, int serverPort) {
        String[] fields = line.split(":", 4);
        if (fields.length < 2) {
            return Optional.empty();
        }
        String[] ports = fields[0].split(",", -1);
        if (ports.length != 2 || !samePort(ports[0], clientPort) || !samePort(ports[1], serverPort)) {
            return Optional.empty();
        }
        if (!fields[1].strip().equals("USERID") || fields.length < 4) {
            return Optional.empty();
        }
        String user = fields[3].stripLeading();
        int end = 0;
        while (end < user.length() && end < MAX_USER && !Character.isWhitespace(user.charAt(end))) {
            end++;
        }
        return end == 0 ? Optional.empty() : Optional.of(user.substring(0, end));
    }

    private static boolean samePort(String text, int expected) {
        String digits = text.strip();
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        return Integer.parseInt(digits) == expected;
    }

    private static void close(AsynchronousSocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing an ident connection: {}", e.toString());
        }
    }
}
