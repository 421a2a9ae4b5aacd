/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.value;

import io.github.tcpwrappers.text.ByteText;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A shell command a rule asks for ({@code spawn}, {@code twist}, {@code aclexec}), already
 * %-expanded and sanitised, ready for {@code /bin/sh -c}.
 *
 * @param commandLine the expanded command text, in {@link ByteText}'s lossless form (a byte
 *     that is not valid UTF-8 is kept as one escape character; {@link #commandBytes()} gives the
 *     bytes libwrap would hand to the shell)
 * @param environment variables the rule's {@code setenv} options set before this command
 * @param niceness the {@code nice} increments before this command, summed (0 for none)
 * @param umask the last {@code umask} before this command, if any
 */
public record Command(String commandLine, Map<String, String> environment, int niceness, OptionalInt umask) {
    /**
     * Copies the environment.
     *
     * @param commandLine the expanded command text, in {@link ByteText}'s lossless form (a byte
     *     that is not valid UTF-8 is kept as one escape character; {@link #commandBytes()} gives the
     *     bytes libwrap would hand to the shell)
     * @param environment variables the rule's {@code setenv} options set before this command
     * @param niceness the {@code nice} increments before this command, summed (0 for none)
     * @param umask the last {@code umask} before this command, if any
     */
    public Command {
        environment = Map.copyOf(environment);
    }

    /** {@return the command's exact bytes, as the shell receives them} */
    public byte[] commandBytes() {
        return ByteText.toBytes(commandLine);
    }
}
