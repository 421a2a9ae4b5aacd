/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a command libwrap expanded the way tcpd runs it ({@code /bin/sh -c TEXT}, stderr not
 * kept), to learn what it prints or writes: the contract's expectation for a twist or a spawn.
 * The command comes from the oracle's answer, never from the engine under test.
 */
final class Shell {
    private static final long LIMIT_SECONDS = 10;

    private Shell() {
    }

    /**
     * The text for {@code sh -c}: the command itself, or, when it holds bytes that are no UTF-8
     * (which a Java argument cannot carry), a {@code .} of a file holding its exact bytes.
     */
    private static String shellText(String command, Path dir) {
        if (!ContractCase.hasRawBytes(command)) {
            return command;
        }
        try {
            Path file = Files.createTempFile(dir, ".command", ".sh");
            Files.write(file, ContractCase.bytes(command));
            return ". " + file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command's stdout, given {@code input} on stdin, with libwrap's setenv variables. */
    static byte[] output(String command, byte[] input, List<ContractCase.Option> environment, Path dir) {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", shellText(command, dir)).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        environment.forEach(v -> builder.environment().put(v.name(), v.value()));
        try {
            Process process = builder.start();
            // Read on another thread, so a command that never ends (or a child keeping stdout
            // open) is bounded by the limit below, not by the read.
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
                try (InputStream stdout = process.getInputStream()) {
                    return stdout.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input);
            } catch (IOException closedEarly) {
                // The command exited without reading its input: as a client whose bytes nobody took.
            }
            try {
                return out.get(LIMIT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("expectation command ran over " + LIMIT_SECONDS + " s: " + command);
            } catch (ExecutionException e) {
                throw new AssertionError("cannot read the output of " + command, e.getCause());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
