/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.effects;

import io.github.tcpwrappers.spi.TwistSession;
import io.github.tcpwrappers.value.CommandLimits;
import io.github.tcpwrappers.value.TwistOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's {@link TwistSession}: a twist command's process with one thread pumping its
 * stdout to the client and a helper thread pumping the client's bytes to its stdin, both on the
 * {@link ProcessRunner}'s threads. Each way is bounded by {@link CommandLimits#maxBytes()}, the
 * whole by {@link CommandLimits#timeout()}; a client that does not take the output within the
 * timeout ends the command too.
 */
final class ProcessTwist implements TwistSession {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessTwist.class);
    private static final int CHUNK = 8192;

    private final ProcessRunner runner;
    private final Client client;
    private final int maxBytes;
    private final ConcurrentLinkedQueue<byte[]> input = new ConcurrentLinkedQueue<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile ProcessRunner.Running running;
    private volatile Thread stdinPump;
    private volatile boolean inputEnded;
    private volatile boolean stopped;
    private volatile boolean overLimit;

    ProcessTwist(ProcessRunner runner, Client client, int maxBytes) {
        this.runner = runner;
        this.client = client;
        this.maxBytes = maxBytes;
    }

    @Override
    public void input(byte[] bytes) {
        if (stopped || inputEnded || ended.get()) {
            return;
        }
        if (received.addAndGet(bytes.length) > maxBytes) {
            LOG.debug("twist command was sent more than {} bytes: killed", maxBytes);
            overLimit = true;
            stopped = true;
            wake();
            ProcessRunner.Running started = running;
            if (started != null) {
                runner.overLimit(started);
            }
            return;
        }
        input.add(bytes);
        wake();
    }

    @Override
    public void endInput() {
        inputEnded = true;
        wake();
    }

    @Override
    public void stop() {
        stopped = true;
        wake();
        ProcessRunner.Running r = running;
        if (r != null) {
            runner.stop(r);
        }
    }

    private void wake() {
        Thread pump = stdinPump;
        if (pump != null) {
            LockSupport.unpark(pump);
        }
    }

    void end(TwistOutput.Ending why) {
        if (ended.compareAndSet(false, true)) {
            inputEnded = true;
            wake();
            client.ended(why);
        }
    }

    /** On a runner thread: pumps stdout to the client until the command's output ends. */
    void run(ProcessRunner.Running r) {
        running = r;
        if (stopped) {
            runner.stop(r);
        }
        if (!runner.helper(() -> pumpStdin(r))) {
            closeQuietly(r.process.getOutputStream());
        }
        TwistOutput.Ending why = null;
        long sent = 0;
        byte[] buffer = new byte[CHUNK];
        try (InputStream out = r.process.getInputStream()) {
            for (int n; why == null && (n = out.read(buffer)) > 0; ) {
                if (sent + n > maxBytes) {
                    LOG.debug("twist command wrote more than {} bytes: killed", maxBytes);
                    n = (int) (maxBytes - sent);
                    why = TwistOutput.Ending.BYTE_LIMIT;
                    runner.overLimit(r);
                }
                sent += n;
                why = deliver(Arrays.copyOf(buffer, n), r, why);
            }
        } catch (IOException e) {
            LOG.debug("twist stdout: {}", e.toString());
        }
        if (why == null) {
            why = overLimit ? TwistOutput.Ending.BYTE_LIMIT : r.timedOut.get() ? TwistOutput.Ending.TIME_LIMIT
                    : stopped ? TwistOutput.Ending.STOPPED : TwistOutput.Ending.EXITED;
        }
        // The pipe is at its end: its writers are gone or were cut off, so nothing is left to kill
        // but a command that closed its stdout and went on running. The client is let go once
        // the slot is free again.
        runner.stop(r);
        TwistOutput.Ending ending = why;
        r.gone.whenComplete((done, failure) -> end(ending));
    }

    /** Hands a chunk to the client and waits (within the command's time) until it took it. */
    private TwistOutput.Ending deliver(byte[] chunk, ProcessRunner.Running r, TwistOutput.Ending why) {
        if (chunk.length == 0) {
            return why;
        }
        try {
            client.send(chunk).get(Math.max(1, r.remainingNanos()), TimeUnit.NANOSECONDS);
            return why;
        } catch (TimeoutException e) {
            LOG.debug("twist client took no output within the time limit: killed");
            runner.stop(r);
            return TwistOutput.Ending.TIME_LIMIT;
        } catch (ExecutionException | RuntimeException e) {
            runner.stop(r);
            return TwistOutput.Ending.STOPPED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runner.stop(r);
            return TwistOutput.Ending.STOPPED;
        }
    }

    /** On a second runner thread: the client's bytes to the command's stdin, then its end. */
    private void pumpStdin(ProcessRunner.Running r) {
        stdinPump = Thread.currentThread();
        try (OutputStream in = r.process.getOutputStream()) {
            while (!stopped && !ended.get()) {
                byte[] bytes = input.poll();
                if (bytes != null) {
                    in.write(bytes);
                    in.flush();
                } else if (inputEnded) {
                    return; // closing stdin is the command's end of file
                } else {
                    LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(200));
                }
            }
        } catch (IOException e) {
            LOG.debug("twist stdin: {}", e.toString());
        } finally {
            stdinPump = null;
        }
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // the command is gone; nothing to tell it
        }
    }
}
