package io.github.tcpwrappers.effects;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on the processes rules start ({@code spawn}, {@code aclexec}), so a flood of
 * connections never becomes a flood of processes.
 *
 * <pre>{@code
 * ProcessRunner runner = ProcessRunner.create(CommandLimits.defaults().withMaxProcesses(4));
 * }</pre>
 *
 * @param maxProcesses processes running at once, spawn and aclexec together; a spawn over the
 *     bound is dropped, an aclexec waits for a slot
 * @param startsPerSecond spawns started per second (a bucket of this many, refilled
 *     continuously); a spawn over the rate is dropped
 * @param timeout the longest a command may run before it and its descendants are killed; also
 *     the longest an aclexec waits for a slot
 * @param maxWaiting aclexec commands that may wait for a slot; a request whose aclexec finds
 *     the queue full is denied
 * @param reportInterval drops are logged at most once per interval, with their count
 */
public record CommandLimits(int maxProcesses, int startsPerSecond, Duration timeout, int maxWaiting,
        Duration reportInterval) {

    public CommandLimits {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(reportInterval, "reportInterval");
        if (maxProcesses < 1) {
            throw new IllegalArgumentException("maxProcesses must be at least 1: " + maxProcesses);
        }
        if (startsPerSecond < 1) {
            throw new IllegalArgumentException("startsPerSecond must be at least 1: " + startsPerSecond);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (maxWaiting < 0) {
            throw new IllegalArgumentException("maxWaiting must not be negative: " + maxWaiting);
        }
        if (reportInterval.isNegative() || reportInterval.isZero()) {
            throw new IllegalArgumentException("reportInterval must be positive: " + reportInterval);
        }
    }

    /** 8 processes at once, 20 spawns per second, 30 s timeout, 64 waiting aclexecs, reports every 10 s. */
    public static CommandLimits defaults() {
        return new CommandLimits(8, 20, Duration.ofSeconds(30), 64, Duration.ofSeconds(10));
    }

    /** These limits with another process bound. */
    public CommandLimits withMaxProcesses(int n) {
        return new CommandLimits(n, startsPerSecond, timeout, maxWaiting, reportInterval);
    }

    /** These limits with another start rate. */
    public CommandLimits withStartsPerSecond(int n) {
        return new CommandLimits(maxProcesses, n, timeout, maxWaiting, reportInterval);
    }

    /** These limits with another timeout. */
    public CommandLimits withTimeout(Duration t) {
        return new CommandLimits(maxProcesses, startsPerSecond, t, maxWaiting, reportInterval);
    }

    /** These limits with another aclexec queue length. */
    public CommandLimits withMaxWaiting(int n) {
        return new CommandLimits(maxProcesses, startsPerSecond, timeout, n, reportInterval);
    }

    /** These limits with another drop-report interval. */
    public CommandLimits withReportInterval(Duration interval) {
        return new CommandLimits(maxProcesses, startsPerSecond, timeout, maxWaiting, interval);
    }
}
