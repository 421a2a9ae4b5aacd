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
package io.github.tcpwrappers.lookup;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * One blocking back-end for {@link JdkHostNameResolver}. Called only on the resolver's own
 * threads. An exception means "could not find out" (the name becomes unknown); an empty answer
 * means the DNS said there is none.
 */
interface NameService {

    /** The name a PTR lookup gives for the address (first one, as returned), or empty if none. */
    Optional<String> reverse(InetAddress address) throws Exception;

    /** The addresses the name has in the address's family; empty when the name has none. */
    List<InetAddress> forward(String name, InetAddress family) throws Exception;
}
