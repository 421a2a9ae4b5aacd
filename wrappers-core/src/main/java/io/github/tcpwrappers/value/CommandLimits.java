/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.value;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on the processes rules start ({@code spawn}, {@code aclexec}, {@code twist}), so a
 * flood of connections never becomes a flood of processes. Each command runs in a session of its
 * own: what it leaves running in the background counts against these bounds until it ends, and
 * dies with the command at the timeout and when the runner closes.
 *
 * <pre>{@code
 * HostsAccess access = HostsAccess.builder()
 *     .commandLimits(CommandLimits.defaults().withMaxProcesses(4).withTimeout(Duration.ofSeconds(5)))
 *     .build();
 * }</pre>
 *
 * @param maxProcesses commands running at once, spawn, aclexec and twist together (a command
 *     counts until the last process of its session is gone); a spawn over the bound is dropped,
 *     an aclexec waits for a slot, a twist is refused (the door answers without its output)
 * @param startsPerSecond spawns and twists started per second (a bucket of this many, refilled
 *     continuously); over the rate a spawn is dropped and a twist refused
 * @param timeout the longest a command may run before it and its session are killed; also the
 *     longest an aclexec waits for a slot
 * @param maxWaiting aclexec commands that may wait for a slot; a request whose aclexec finds
 *     the queue full is denied
 * @param reportInterval drops are logged at most once per interval, with their count
 * @param maxBytes the most bytes a twist command sends to its client, and takes from it; at the
 *     bound the command is killed
 */
public record CommandLimits(int maxProcesses, int startsPerSecond, Duration timeout, int maxWaiting,
        Duration reportInterval, int maxBytes) {

    /**
     * Checks the limits: none null, counts and durations in range.
     *
     * @param maxProcesses commands running at once, spawn, aclexec and twist together (a command
     *     counts until the last process of its session is gone); a spawn over the bound is dropped, an
     *     aclexec waits for a slot, a twist is refused (the door answers without its output)
     * @param startsPerSecond spawns and twists started per second (a bucket of this many, refilled
     *     continuously); over the rate a spawn is dropped and a twist refused
     * @param timeout the longest a command may run before it and its session are killed; also the
     *     longest an aclexec waits for a slot
     * @param maxWaiting aclexec commands that may wait for a slot; a request whose aclexec finds
     *     the queue full is denied
     * @param reportInterval drops are logged at most once per interval, with their count
     * @param maxBytes the most bytes a twist command sends to its client, and takes from it; at the
     *     bound the command is killed
     * @throws IllegalArgumentException when a limit is out of range
     */
    public CommandLimits {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(reportInterval, "reportInterval");
        if (maxProcesses < 1) {
            throw new IllegalArgumentException("maxProcesses must be at least 1: " + maxProcesses);
        }
        if (startsPerSecond < 1) {
            throw new IllegalArgumentException("startsPerSecond must be at least 1: " + startsPerSecond);
        }
        Durations.positive("timeout", timeout);
        if (maxWaiting < 0) {
            throw new IllegalArgumentException("maxWaiting must not be negative: " + maxWaiting);
        }
        Durations.positive("reportInterval", reportInterval);
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1: " + maxBytes);
        }
    }

    /**
     * 8 commands at once, 20 starts per second, 30 s timeout, 64 waiting aclexecs, reports every
     * 10 s, 1 MiB of twist output.
     *
     * @return the defaults
     */
    public static CommandLimits defaults() {
        return new CommandLimits(8, 20, Duration.ofSeconds(30), 64, Duration.ofSeconds(10), 1 << 20);
    }

    /**
     * These limits with another process bound.
     *
     * @param n the most commands running at once
     * @return a copy with that bound
     */
    public CommandLimits withMaxProcesses(int n) {
        return new CommandLimits(n, startsPerSecond, timeout, maxWaiting, reportInterval, maxBytes);
    }

    /**
     * These limits with another start rate.
     *
     * @param n the most command starts per second
     * @return a copy with that rate
     */
    public CommandLimits withStartsPerSecond(int n) {
        return new CommandLimits(maxProcesses, n, timeout, maxWaiting, reportInterval, maxBytes);
    }

    /**
     * These limits with another timeout.
     *
     * @param t how long a command may run before it is killed
     * @return a copy with that timeout
     */
    public CommandLimits withTimeout(Duration t) {
        return new CommandLimits(maxProcesses, startsPerSecond, t, maxWaiting, reportInterval, maxBytes);
    }

    /**
     * These limits with another aclexec queue length.
     *
     * @param n the most aclexec commands waiting for a start
     * @return a copy with that queue length
     */
    public CommandLimits withMaxWaiting(int n) {
        return new CommandLimits(maxProcesses, startsPerSecond, timeout, n, reportInterval, maxBytes);
    }

    /**
     * These limits with another drop-report interval.
     *
     * @param interval how often drops are reported
     * @return a copy with that interval
     */
    public CommandLimits withReportInterval(Duration interval) {
        return new CommandLimits(maxProcesses, startsPerSecond, timeout, maxWaiting, interval, maxBytes);
    }

    /**
     * These limits with another twist byte bound.
     *
     * @param n the most bytes of twist output sent
     * @return a copy with that bound
     */
    public CommandLimits withMaxBytes(int n) {
        return new CommandLimits(maxProcesses, startsPerSecond, timeout, maxWaiting, reportInterval, n);
    }
}
