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
