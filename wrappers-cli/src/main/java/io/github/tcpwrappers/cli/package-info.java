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
/**
 * {@code tcpdchk} and {@code tcpdmatch} for the JVM engine, as the runnable wrappers-cli jar.
 *
 * <pre>{@code
 * java -jar wrappers-cli.jar tcpdmatch --allow hosts.allow --deny hosts.deny sshd alice@192.0.2.7
 * java -jar wrappers-cli.jar tcpdchk -d -v
 * }</pre>
 */
package io.github.tcpwrappers.cli;
