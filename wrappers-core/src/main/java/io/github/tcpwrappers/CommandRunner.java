package io.github.tcpwrappers;

import io.github.tcpwrappers.effects.ShellCommand;
import java.io.File;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Runs a rule's command ({@code aclexec}) and reports its exit status, without blocking the
 * caller. A stage failed with {@link java.util.concurrent.RejectedExecutionException} means the
 * command could not run (limits reached); the engine then denies the request.
 *
 * <pre>{@code
 * HostsAccess access = HostsAccess.builder().commandRunner(CommandRunner.shell()).build();
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

    /**
     * {@code /bin/sh -c COMMAND} with stdin, stdout and stderr on /dev/null and the rule's
     * setenv values added to the environment; killed after 30 s (status 1). Unbounded: the
     * engine's default is the bounded {@link io.github.tcpwrappers.effects.ProcessRunner}.
     */
    static CommandRunner shell() {
        return command -> {
            ProcessBuilder builder = ShellCommand.processBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            try {
                Process process = builder.start();
                return process.onExit()
                        .orTimeout(30, TimeUnit.SECONDS)
                        .handle((p, failure) -> {
                            if (failure != null) {
                                process.destroyForcibly();
                                return 1;
                            }
                            return p.exitValue();
                        });
            } catch (IOException e) {
                return CompletableFuture.completedFuture(1);
            }
        };
    }
}
