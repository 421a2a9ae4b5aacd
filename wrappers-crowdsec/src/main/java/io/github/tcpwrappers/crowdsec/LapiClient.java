/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.crowdsec;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

/**
 * One Local API as the bouncer and the watcher reach it: the JDK HttpClient on threads of its
 * own, every exchange bounded in time (connect to last byte) and bytes, redirects not followed
 * (a key must not travel to wherever a Location points). Exchanges block the calling thread,
 * which is always one of this module's own, never a caller's or an event loop.
 */
final class LapiClient implements AutoCloseable {
    /**
     * The LAPI takes {@code TYPE/VERSION} (one slash) as the client's kind and version, shown by
     * {@code cscli bouncers list}; a machine's login is refused without it.
     */
    static final String USER_AGENT = "tcpwrappers-jvm/"
            + Optional.ofNullable(LapiClient.class.getPackage().getImplementationVersion()).orElse("dev").replace('/', '-');

    private final String base;
    private final Duration timeout;
    private final ExecutorService threads;
    private final HttpClient http;

    /** A status and its bounded body. */
    record Answer(int status, byte[] body) {
        /** The body as printable text for an error message. */
        String said() {
            return Printable.of(new String(body, StandardCharsets.UTF_8).strip());
        }
    }

    /** {@code lapi} if it is an http(s) URL with a host and nothing a key could leak through (credentials, query). */
    static URI checkUrl(URI lapi) {
        String scheme = String.valueOf(lapi.getScheme()).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || lapi.getHost() == null) {
            throw new IllegalArgumentException("the Local API is an http:// or https:// URL with a host, not \"" + lapi + "\"");
        }
        if (lapi.getRawUserInfo() != null) {
            throw new IllegalArgumentException("no credentials in the LAPI URL: give them to the builder");
        }
        if (lapi.getRawQuery() != null || lapi.getRawFragment() != null) {
            throw new IllegalArgumentException("the LAPI URL has no query or fragment: \"" + lapi + "\"");
        }
        return lapi;
    }


    LapiClient(URI lapi, Optional<SSLContext> tls, Duration timeout, String threadName) {
        String text = lapi.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text; // a LAPI behind a proxy may sit under a path
        this.timeout = timeout;
        this.threads = Executors.newCachedThreadPool(daemons(threadName + " http"));
        HttpClient.Builder client = HttpClient.newBuilder().executor(threads).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        tls.ifPresent(client::sslContext);
        this.http = client.build();
    }

    /** A request for {@code pathAndQuery} (e.g. {@code /v1/decisions/stream}) under the LAPI's URL. */
    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(timeout).header("User-Agent", USER_AGENT)
                .header("Accept", "application/json");
    }

    /** Sends {@code request} and reads at most {@code maxBytes} of the answer, all within the timeout. */
    Answer exchange(HttpRequest request, long maxBytes) throws SourceException {
        BoundedBody[] body = new BoundedBody[1];
        CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(request, BoundedBody.handler(maxBytes, body));
        try {
            HttpResponse<byte[]> response = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return new Answer(response.statusCode(), response.body());
        } catch (TimeoutException e) {
            if (body[0] != null) {
                body[0].cancel();
            }
            exchange.cancel(true);
            throw new SourceException("no whole answer within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.cancel(true);
            throw new SourceException("interrupted");
        } catch (ExecutionException e) {
            throw new SourceException(describe(e.getCause()), e.getCause());
        }
    }

    private String describe(Throwable error) {
        Throwable cause = error != null && error.getCause() instanceof BoundedBody.TooLarge ? error.getCause() : error;
        if (cause instanceof BoundedBody.TooLarge) {
            return cause.getMessage();
        }
        if (cause instanceof HttpTimeoutException) {
            return "no whole answer within " + timeout;
        }
        if (cause instanceof SSLHandshakeException) {
            return "TLS handshake failed: " + cause.getMessage();
        }
        if (cause instanceof ConnectException) {
            return "cannot connect (" + Objects.toString(cause.getMessage(), "refused") + ")";
        }
        return String.valueOf(cause);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + " #" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
