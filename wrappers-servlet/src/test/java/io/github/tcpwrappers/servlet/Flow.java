/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.servlet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Requests that keep flowing from one client while a test changes the rules: one thread sends
 * request after request and records when each started and what it got.
 */
final class Flow implements AutoCloseable {
    record Sample(long startedNanos, int status, String body) {
    }

    private final List<Sample> samples = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    Flow(String from, String server, int port, String path) {
        thread = new Thread(() -> {
            // Bounded: at most 20000 requests, whatever the test does.
            for (int i = 0; i < 20_000 && running.get(); i++) {
                long started = System.nanoTime();
                try {
                    RawHttp.Response r = RawHttp.get(from, server, port, path);
                    synchronized (samples) {
                        samples.add(new Sample(started, r.status(), r.body()));
                    }
                } catch (IOException | RuntimeException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }
        }, "flow-" + from);
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits until at least {@code n} answers arrived (bounded by {@code timeoutMillis}). */
    Flow awaitSamples(int n, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (size() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return this;
    }

    int size() {
        synchronized (samples) {
            return samples.size();
        }
    }

    /** Stops the flow and returns everything it saw; failures (exceptions) are returned too. */
    List<Sample> stop() throws InterruptedException {
        running.set(false);
        thread.join(30_000);
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    List<Throwable> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
