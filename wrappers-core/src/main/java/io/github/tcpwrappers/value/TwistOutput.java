/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.value;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a {@code twist} command answered in the whole-output form: its stdout, cut at the byte
 * bound, and why it ended. Immutable.
 *
 * <pre>{@code
 * access.twistOutput(decision.twist().get())
 *       .thenAccept(out -> respond(out.bytes()));
 * }</pre>
 */
public final class TwistOutput {
    /** Why a twist command ended. */
    public enum Ending {
        /** It exited (what it left running in its session was killed then). */
        EXITED,
        /** It wrote, or was sent, more than {@link CommandLimits#maxBytes()}: killed. */
        BYTE_LIMIT,
        /** It ran longer than {@link CommandLimits#timeout()}: killed. */
        TIME_LIMIT,
        /** Not started: the process bounds or the start rate were reached, or the runner is closed. */
        REFUSED,
        /** It could not be started, or its pipes failed. */
        FAILED,
        /** The door stopped it (its client went away). */
        STOPPED
    }

    private final byte[] bytes;
    private final Ending ending;

    private TwistOutput(byte[] bytes, Ending ending) {
        this.bytes = bytes;
        this.ending = Objects.requireNonNull(ending, "ending");
    }

    /**
     * {@return an answer of {@code bytes} (copied)}
     *
     * @param bytes what the command wrote
     * @param ending why it ended
     */
    public static TwistOutput of(byte[] bytes, Ending ending) {
        return new TwistOutput(bytes.clone(), ending);
    }

    /**
     * {@return no output, for a command that did not run}
     *
     * @param ending why the command did not run
     */
    public static TwistOutput none(Ending ending) {
        return new TwistOutput(new byte[0], ending);
    }

    /** {@return the output (a copy)} */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** {@return the output as UTF-8 text (malformed bytes replaced)} */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** {@return the output's length in bytes} */
    public int length() {
        return bytes.length;
    }

    /** {@return why the command ended} */
    public Ending ending() {
        return ending;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TwistOutput other && other.ending == ending && Arrays.equals(other.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bytes) + ending.hashCode();
    }

    @Override
    public String toString() {
        return "TwistOutput[" + bytes.length + " bytes, " + ending + "]";
    }
}
