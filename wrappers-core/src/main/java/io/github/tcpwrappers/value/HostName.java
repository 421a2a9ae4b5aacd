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
 * The outcome of looking up a host's name the way libwrap trusts it: a reverse lookup of the
 * address, confirmed by a forward lookup of that name.
 */
public sealed interface HostName {

    /** {@return the text libwrap keeps for it: the name, {@code unknown} or {@code paranoid}} */
    String libwrapText();

    /** A name whose forward lookup contains the address. */
    record Verified(String name) implements HostName {
        @Override
        public String libwrapText() {
            return name;
        }
    }

    /** No name: no PTR record, an error or a timeout. */
    record Unknown() implements HostName {
        @Override
        public String libwrapText() {
            return "unknown";
        }
    }

    /** A name whose forward lookup does not contain the address (possibly forged). */
    record Paranoid(String claimedName) implements HostName {
        @Override
        public String libwrapText() {
            return "paranoid";
        }
    }

    /** {@return the unknown name} */
    static HostName unknown() {
        return UNKNOWN;
    }

    /** Shared instance. */
    HostName UNKNOWN = new Unknown();
}
