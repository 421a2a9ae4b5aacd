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

/**
 * An option a matched rule ran, in order.
 *
 * @param name the name as written in the file (case kept)
 * @param value the value after %-expansion (spawn, twist, setenv, aclexec) and trimming; empty
 *     when the option has none
 */
public record AppliedOption(String name, String value) {
}
