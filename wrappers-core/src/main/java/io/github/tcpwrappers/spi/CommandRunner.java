/*
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
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
