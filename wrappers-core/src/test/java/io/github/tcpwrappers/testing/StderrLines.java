/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What slf4j-simple prints while it is open: slf4j-simple looks {@code System.err} up on every
 * line, so swapping it captures the lines the real backend writes (tests run one at a time).
 */
public final class StderrLines implements AutoCloseable {
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private StderrLines() {
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    public static StderrLines capture() {
        return new StderrLines();
    }

    /** The lines so far that contain {@code text}. */
    public List<String> containing(String text) {
        String all;
        synchronized (captured) {
            all = captured.toString(StandardCharsets.UTF_8);
        }
        return all.lines().filter(l -> l.contains(text)).toList();
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
