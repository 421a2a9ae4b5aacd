/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spi;

import java.net.URI;
import java.util.Set;

/**
 * Opens {@link ListSource}s from URIs, for tools that take a binding as text
 * ({@code tcpdmatch --bind /etc/hosts.ban=redis://10.0.0.5:6379?list=bans}). Found with
 * {@link java.util.ServiceLoader}: a module that brings a source registers its provider in
 * {@code META-INF/services/io.github.tcpwrappers.spi.ListSourceProvider}.
 */
public interface ListSourceProvider {

    /** {@return the URI schemes this provider opens ({@code redis}, {@code rediss}, ...)} */
    Set<String> schemes();

    /**
     * A source for {@code uri}, not started yet.
     *
     * @param uri where the list is
     * @return the source
     * @throws IllegalArgumentException when the URI does not name a source, saying why
     */
    ListSource open(URI uri);
}
