/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.crowdsec;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into memory up to a bound: past {@code max} bytes (or a Content-Length
 * that says so) it cancels the exchange and fails, so a huge answer costs at most {@code max}
 * bytes of heap. {@link #cancel()} ends a body that takes too long.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final long max;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    /** The body as it came, copied out of the client's buffers, joined once at the end (a growing stream copies it twice more). */
    private final List<byte[]> chunks = new ArrayList<>();
    private long size;
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;

    /** Thrown (as the body's failure) when the body is over the bound. */
    static final class TooLarge extends RuntimeException {
        TooLarge(String message) {
            super(message);
        }
    }

    private BoundedBody(long max) {
        this.max = max;
    }

    /** A handler whose subscriber refuses a declared length over {@code max} before reading a byte. */
    static HttpResponse.BodyHandler<byte[]> handler(long max, BoundedBody[] current) {
        return info -> {
            BoundedBody body = new BoundedBody(max);
            current[0] = body;
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > max) {
                body.fail(new TooLarge("the answer declares " + declared + " bytes, over the limit of " + max));
            }
            return body;
        };
    }

    /** Ends the exchange (the caller's deadline passed). */
    void cancel() {
        cancelled = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (result.isDone() || cancelled) {
            subscription.cancel();
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            if (size + buffer.remaining() > max) {
                fail(new TooLarge("the answer is over the limit of " + max + " bytes"));
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            chunks.add(chunk);
            size += chunk.length;
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        if (size > Integer.MAX_VALUE - 8) {
            result.completeExceptionally(new TooLarge("the answer is over the largest array, " + size + " bytes"));
            return;
        }
        byte[] body = new byte[(int) size];
        int at = 0;
        for (byte[] chunk : chunks) {
            System.arraycopy(chunk, 0, body, at, chunk.length);
            at += chunk.length;
        }
        chunks.clear();
        result.complete(body);
    }

    private void fail(TooLarge error) {
        result.completeExceptionally(error);
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }
}
