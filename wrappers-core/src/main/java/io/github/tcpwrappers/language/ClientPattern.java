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
package io.github.tcpwrappers.language;

/** One token of a client list: a host pattern, or {@code user@host}. */
public sealed interface ClientPattern {

    /** The token as written. */
    String text();

    /** Parses one client-list token. */
    static ClientPattern parse(String token, HostPattern.HostListSource lists, InterfaceNames interfaces) {
        int at = token.length() > 1 ? CText.splitAt(token, 1, '@') : -1;
        if (at >= 0) {
            return new UserAtHost(token, StringPattern.parse(token.substring(0, at), interfaces),
                    HostPattern.parse(token.substring(at + 1), lists, interfaces));
        }
        return new Host(token, HostPattern.parse(token, lists, interfaces));
    }

    /** A host pattern on the client end. */
    record Host(String text, HostPattern host) implements ClientPattern {
    }

    /** {@code user@host}: the host first, then the user name (which may need an ident lookup). */
    record UserAtHost(String text, StringPattern user, HostPattern host) implements ClientPattern {
    }
}
