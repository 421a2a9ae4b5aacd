package io.github.tcpwrappers;

import java.io.File;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Runs a rule's command ({@code aclexec}) and reports its exit status, without blocking the
 * caller.
 */
@FunctionalInterface
public interface CommandRunner {

    /**
     * Starts a {@code twist} command that takes over a connection: {@code /bin/sh -c COMMAND}
     * with the rule's environment, stdin and stdout as pipes for the adapter to connect to the
     * client, stderr discarded. Forks a process: call it off event loops.
     */
    static Process startTwist(Command command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command.commandLine())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(command.environment());
        return builder.start();
    }

    /** Starts the command; the stage completes with its exit status. */
    CompletionStage<Integer> exitStatus(Command command);

    /**
     * {@code /bin/sh -c COMMAND} with stdin, stdout and stderr on /dev/null and the rule's
     * setenv values added to the environment; killed after 30 s (status 1).
     */
    static CommandRunner shell() {
        return command -> {
            ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command.commandLine())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().putAll(command.environment());
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
