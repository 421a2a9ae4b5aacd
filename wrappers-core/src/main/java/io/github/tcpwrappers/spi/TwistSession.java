/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spi;

import io.github.tcpwrappers.value.TwistOutput;
import java.util.concurrent.Future;

/**
 * A {@code twist} command talking to one client over a byte stream, as tcpd hands the socket to
 * it: the client's bytes go to the command's stdin, its stdout goes to the client. The client's
 * half-close ({@link #endInput()}) only ends the command's stdin; its output still flows until
 * it exits. The engine bounds each way and the whole by its
 * {@link io.github.tcpwrappers.value.CommandLimits}. A door starts one with
 * {@code HostsAccess.twist(command, client)}.
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
public interface TwistSession {

    /** The door's side of a session. */
    interface Client {
        /**
         * Sends a piece of the command's stdout to the client; the next piece waits until the
         * returned future completes (that is the backpressure). Called on a runner thread.
         *
         * @param chunk the bytes to send
         * @return completes when the client took them
         */
        Future<?> send(byte[] chunk);

        /**
         * The command is over: close the client. Called once, on any thread.
         *
         * @param why why the command ended
         */
        void ended(TwistOutput.Ending why);
    }

    /**
     * Bytes from the client, for the command's stdin (copied by the caller or handed over).
     *
     * @param bytes the client's bytes
     */
    void input(byte[] bytes);

    /** The client half-closed: the command's stdin ends once what was sent is written. */
    void endInput();

    /** The client went away: the command is killed with its session. */
    void stop();
}
