/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.value;

import java.util.Locale;
import java.util.Objects;

/**
 * Something that happened to a spawn, twist or aclexec command in the engine's process runner.
 * Heard by an {@code EngineListener} (and recorded as a JFR event): a flood of refused commands
 * shows the bounds at work; killed ones, commands that outlived their time or byte limit.
 *
 * @param kind which option asked for the command
 * @param happening what happened to it
 * @param commandLine the expanded command line
 */
public record CommandEvent(Kind kind, Happening happening, String commandLine) {
    /**
     * Checks that no component is null.
     *
     * @param kind which option asked for the command
     * @param happening what happened to it
     * @param commandLine the expanded command line
     */
    public CommandEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(happening, "happening");
        Objects.requireNonNull(commandLine, "commandLine");
    }

    /** Which option a command came from. */
    public enum Kind {
        /** A {@code spawn} option's background command. */
        SPAWN,
        /** A {@code twist} option's command, which answers the client in the service's place. */
        TWIST,
        /** An {@code aclexec} option's command, whose exit status decides. */
        ACLEXEC;

        /** {@return the name in lower case, for tags and JSON} */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What happened. */
    public enum Happening {
        /** The process was started. */
        STARTED,
        /** Not started: a bound (processes at once, starts per second, aclexec queue) was reached, or the runner closed. */
        REFUSED,
        /** Killed with its session: it ran past the time limit, or a twist wrote past the byte limit. */
        KILLED;

        /** {@return the name in lower case, for tags and JSON} */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
