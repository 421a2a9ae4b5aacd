/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spi;

import io.github.tcpwrappers.value.Command;
import java.util.concurrent.CompletionStage;

/**
 * Runs a rule's command ({@code aclexec}) and reports its exit status, without blocking the
 * caller. A stage failed with {@link java.util.concurrent.RejectedExecutionException} means the
 * command could not run (limits reached); the engine then denies the request.
 *
 * <pre>{@code
 * ProcessRunner runner = ProcessRunner.create(CommandLimits.defaults()); // the engine's implementation
 * HostsAccess access = HostsAccess.builder().processRunner(runner).build();
 * }</pre>
 */
@FunctionalInterface
public interface CommandRunner {

    /**
     * Starts the command; the stage completes with its exit status.
     *
     * @param command the command to start
     * @return the exit status, once the process ends
     */
    CompletionStage<Integer> exitStatus(Command command);
}
