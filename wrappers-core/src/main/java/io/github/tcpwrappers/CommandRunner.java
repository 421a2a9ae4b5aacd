package io.github.tcpwrappers;

import io.github.tcpwrappers.effects.ShellCommand;
import java.io.IOException;
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
     * Starts a {@code twist} command that takes over a connection: {@code /bin/sh -c COMMAND}
     * with the rule's environment, {@code nice} and {@code umask} (see {@link ShellCommand}),
     * stdin and stdout as pipes for the adapter to connect to the client, stderr discarded.
     * Forks a process: call it off event loops. The adapter owns the process and ends it.
     */
    static Process startTwist(Command command) throws IOException {
        return ShellCommand.processBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /**
     * Kills a command started with {@code /bin/sh -c} and everything it started. The children are
     * listed first, while the shell still holds them (once it dies they are re-parented); the
     * shell dies next, so that it cannot go on to its next command when a child is killed; then
     * the children.
     */
    static void destroyTree(Process process) {
        java.util.List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }

    /** Starts the command; the stage completes with its exit status. */
    CompletionStage<Integer> exitStatus(Command command);
}
