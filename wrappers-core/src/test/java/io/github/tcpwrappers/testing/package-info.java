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
 * Test support shared by the modules' tests through wrappers-core's test-jar: real peers
 * (dnsmasq, a UDP relay that can go silent), the soak tests' rule sets and verdict table, and
 * checks that a run left no file descriptor, thread or log line behind.
 */
package io.github.tcpwrappers.testing;
