package io.github.tcpwrappers.grpc;

import io.github.tcpwrappers.Command;
import io.github.tcpwrappers.CommandRunner;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs twist commands for refused connections and collects their output, bounded in number,
 * time and size. The fork happens on the given executor; waiting uses the JDK's process reaper,
 * and the output is read only once the process is gone, so no thread ever blocks on it.
 */
final class Twists {
    private final Executor executor;
    private final Semaphore running;
    private final Duration timeout;
    private final int limit;

    Twists(Executor executor, int maxRunning, Duration timeout, int limit) {
        this.executor = executor;
        this.running = new Semaphore(maxRunning);
        this.timeout = timeout;
        this.limit = limit;
    }

    /**
     * The command's output (its first {@code limit} bytes, as UTF-8); empty when it could not
     * start or too many run already.
     */
    CompletableFuture<String> output(Command command) {
        if (!running.tryAcquire()) {
            return CompletableFuture.completedFuture("");
        }
        CompletableFuture<String> output = new CompletableFuture<>();
        try {
            executor.execute(() -> run(command, output));
        } catch (RejectedExecutionException e) {
            running.release();
            output.complete("");
        }
        return output;
    }

    private void run(Command command, CompletableFuture<String> output) {
        Process process;
        try {
            process = CommandRunner.startTwist(command);
        } catch (IOException | RuntimeException e) {
            running.release();
            output.complete("");
            return;
        }
        try {
            // No client byte stream to hand over in gRPC: the command reads end of file.
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // The command may have exited already; its output still counts.
        }
        process.onExit().orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).whenComplete((done, failure) -> {
            try {
                // Read before killing: destroying a Process closes its streams. At the time
                // limit, what the command wrote so far still sits in the pipe.
                String text = readAvailable(process.getInputStream());
                if (failure != null) {
                    CommandRunner.destroyTree(process);
                }
                output.complete(text);
            } finally {
                running.release();
            }
        });
    }

    /**
     * What the pipe holds now, at most {@code limit} bytes. Reads only what {@code available()}
     * promises, so a grandchild that keeps the pipe open cannot make it block.
     */
    private String readAvailable(InputStream in) {
        byte[] buffer = new byte[limit + 4];
        int total = 0;
        try (in) {
            int ready;
            while (total < buffer.length && (ready = in.available()) > 0) {
                int n = in.read(buffer, total, Math.min(ready, buffer.length - total));
                if (n <= 0) {
                    break;
                }
                total += n;
            }
        } catch (IOException e) {
            // Keep what was read before the pipe failed.
        }
        return Descriptions.decodePrefix(java.util.Arrays.copyOf(buffer, total), Math.min(total, limit));
    }
}
