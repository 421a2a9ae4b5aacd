package io.github.tcpwrappers.servlet;

import io.github.tcpwrappers.Command;
import io.github.tcpwrappers.CommandRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@code twist} command for an HTTP answer: the command gets an empty stdin (an HTTP
 * request is not a byte stream it could speak to) and its stdout, cut at a size and a time, is
 * the response body. The fork and the reads happen on the given pool, never on the caller.
 */
final class TwistOutput {
    private static final Logger LOG = LoggerFactory.getLogger(TwistOutput.class);

    private final Command command;
    private final int maxBytes;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private volatile Process process;
    private volatile boolean abandoned;

    private TwistOutput(Command command, int maxBytes) {
        this.command = command;
        this.maxBytes = maxBytes;
    }

    /**
     * Starts the command on {@code pool}; the stage completes with what it wrote before it ended,
     * reached {@code maxBytes} or ran out of {@code time}, whichever comes first. It completes by
     * the deadline even when a child of the shell keeps the pipe open.
     *
     * @throws java.util.concurrent.RejectedExecutionException when the pool is full
     */
    static CompletableFuture<byte[]> start(Command command, Duration time, int maxBytes, Executor pool,
            ScheduledExecutorService timer) {
        TwistOutput twist = new TwistOutput(command, maxBytes);
        return Deadline.within(CompletableFuture.supplyAsync(twist::capture, pool), time, timer)
                .handle((body, failure) -> {
                    if (failure == null) {
                        return body;
                    }
                    twist.kill();
                    return twist.soFar();
                });
    }

    private byte[] capture() {
        try {
            if (abandoned) {
                return soFar(); // the answer went out while this waited in the pool's queue
            }
            Process started = CommandRunner.startTwist(command);
            process = started;
            if (abandoned) {
                kill();
            }
            started.getOutputStream().close();
            try (InputStream out = started.getInputStream()) {
                byte[] chunk = new byte[8192];
                int room = maxBytes;
                while (room > 0) {
                    int n = out.read(chunk, 0, Math.min(chunk.length, room));
                    if (n < 0) {
                        break;
                    }
                    synchronized (captured) {
                        captured.write(chunk, 0, n);
                    }
                    room -= n;
                }
            }
            if (started.isAlive()) {
                kill(); // cut at the size limit: the rest is not wanted
            }
        } catch (IOException e) {
            LOG.warn("twist command failed: {}: {}", command.commandLine(), e.toString());
        }
        return soFar();
    }

    private byte[] soFar() {
        synchronized (captured) {
            return captured.toByteArray();
        }
    }

    private void kill() {
        abandoned = true;
        Process p = process;
        if (p != null) {
            // /bin/sh -c may fork; its children would keep stdout open after the shell dies.
            CommandRunner.destroyTree(p);
        }
    }
}
