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
package io.github.tcpwrappers;

/** How rule files are loaded. Both modes decide identically once files are loaded. */
public enum Mode {
    /**
     * The default: refuse files libwrap would warn about or fail on, and files with the hazards
     * whose libwrap meaning surprises people (a comment after a rule, a bare IPv6 address, a net
     * with host bits, ...), listing every problem as {@code FILE:LINE: message}.
     */
    STRICT,
    /** Load whatever libwrap loads, skipping what it skips, and decide as it decides. */
    LIBWRAP
}
