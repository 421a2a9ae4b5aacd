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
package io.github.tcpwrappers.spring;

/** The one check every configured daemon name gets, so a bad name fails start-up naming its property. */
final class DaemonName {
    private DaemonName() {
    }

    /**
     * A daemon name rules can name: one word, no blanks, commas or colons (the separators of
     * hosts_access(5) lists and fields).
     */
    static String check(String property, String name) {
        String n = name.strip();
        if (n.isEmpty() || n.chars().anyMatch(c -> c <= ' ' || c == ',' || c == ':')) {
            throw new IllegalArgumentException(property + " must be one word without blanks, ',' or ':', got '"
                    + name + "'");
        }
        return n;
    }
}
