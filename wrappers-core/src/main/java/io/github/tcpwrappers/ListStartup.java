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

/**
 * What an engine does while a bound list has not arrived yet (its source is down at startup).
 * Once a list arrived, an outage keeps the last one in force whatever this says.
 */
public enum ListStartup {
    /** Decide by the file rules with the list empty, and log ERROR until it arrives (the default). */
    SERVE_FILE_RULES,
    /** Refuse every request until every bound list arrived once (fail closed). */
    DENY_ALL
}
