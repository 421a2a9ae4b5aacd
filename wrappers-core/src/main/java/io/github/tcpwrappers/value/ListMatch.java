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
package io.github.tcpwrappers.value;

import java.util.Objects;

/**
 * A bound list's entry that holds an address: which list, from which source, in which state.
 *
 * @param status the list and its source, as they stood when asked
 * @param entry the most specific live entry holding the address
 */
public record ListMatch(ListStatus status, ListEntry entry) {
    /**
     * Checks that no component is null.
     *
     * @param status the list and its source, as they stood when asked
     * @param entry the most specific live entry holding the address
     */
    public ListMatch {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(entry, "entry");
    }
}
