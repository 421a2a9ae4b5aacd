package io.github.tcpwrappers.effects;

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
 * A {@code twist} command talking to one client over a byte stream, as tcpd hands the socket to
 * it: the client's bytes go to the command's stdin, its stdout goes to the client. The client's
 * half-close ({@link #endInput()}) only ends the command's stdin; its output still flows until
 * it exits. Each way is bounded by {@link CommandLimits#maxBytes()}, the whole by
 * {@link CommandLimits#timeout()}; a client that does not take the output within the timeout
 * ends the command too. Start one with {@link ProcessRunner#twist} (or {@code HostsAccess.twist}).
 *
 * <pre>{@code
 * TwistSession session = access.twist(decision.twist().get(), new TwistSession.Client() {
 *     public Future<?> send(byte[] chunk) { return channel.writeAndFlush(Unpooled.wrappedBuffer(chunk)); }
 *     public void ended(TwistOutput.Ending why) { channel.close(); }
 * });
 * // on each read: session.input(bytes); on the client's half-close: session.endInput();
 * // when the client goes away: session.stop();
 * }</pre>
 *
 * <p>{@link #input}, {@link #endInput} and {@link #stop} never block (an event loop may call them).
 */
public final class TwistSession {
    private static final Logger LOG = LoggerFactory.getLogger(TwistSession.class);
    private static final int CHUNK = 8192;

    /** The door's side of a session. */
    public interface Client {
        /**
         * Sends a piece of the command's stdout to the client; the next piece waits until the
         * returned future completes (that is the backpressure). Called on a runner thread.
         */
        Future<?> send(byte[] chunk);

        /** The command is over: close the client. Called once, on any thread. */
        void ended(TwistOutput.Ending why);
    }

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

    TwistSession(ProcessRunner runner, Client client, int maxBytes) {
        this.runner = runner;
        this.client = client;
        this.maxBytes = maxBytes;
    }

    /** Bytes from the client, for the command's stdin (copied by the caller or handed over). */
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

    /** The client half-closed: the command's stdin ends once what was sent is written. */
    public void endInput() {
        inputEnded = true;
        wake();
    }

    /** The client went away: the command is killed with its session. */
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
