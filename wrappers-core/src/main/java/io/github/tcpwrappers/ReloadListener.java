/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

/**
 * Hears every reload attempt, so operators can alert on a broken edit.
 *
 * <pre>{@code
 * HostsAccess.builder().reloadListener(event -> {
 *     if (!event.applied()) alerts.send("hosts.allow refused: " + event.problems());
 * });
 * }</pre>
 */
@FunctionalInterface
public interface ReloadListener {

    /**
     * Called on the reloading thread after each attempt.
     *
     * @param event what the attempt did
     */
    void onReload(ReloadEvent event);
}
