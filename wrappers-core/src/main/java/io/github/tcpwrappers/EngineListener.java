/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import io.github.tcpwrappers.value.CommandEvent;
import io.github.tcpwrappers.value.Lookup;

/**
 * Hears what the engine does on the way to its decisions, beside {@link DecisionListener} and
 * {@link ReloadListener}: each name or ident lookup, each command its process runner starts,
 * refuses or kills, and each request the shadow rules would decide otherwise. Every method has
 * an empty default, so a listener implements what it counts. Called on the thread where the
 * thing happened; keep it quick (a failure is logged and ignored).
 *
 * <pre>{@code
 * HostsAccess access = HostsAccess.builder()
 *     .engineListener(new EngineListener() {
 *         public void onLookup(Lookup lookup) {
 *             if (lookup.result() == Lookup.Result.TIMEOUT) slowDns.increment();
 *         }
 *     })
 *     .build();
 * }</pre>
 */
public interface EngineListener {

    /**
     * A name or ident lookup finished (or timed out).
     *
     * @param lookup what was looked up, how it ended and how long it took
     */
    default void onLookup(Lookup lookup) {
    }

    /**
     * A spawn, twist or aclexec command of the engine's process runner was started, refused by
     * its bounds, or killed. A runner shared by several engines tells each of them about every
     * command it runs.
     *
     * @param command the command and what happened to it
     */
    default void onCommand(CommandEvent command) {
    }

    /**
     * The shadow rules decided a request otherwise than the rules in force (see {@link HostsAccess.Builder#shadowDirectory}).
     *
     * @param difference the request and both verdicts
     */
    default void onShadowDifference(ShadowDifference difference) {
    }
}
