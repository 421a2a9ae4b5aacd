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
package io.github.tcpwrappers.fuzz;

import io.github.tcpwrappers.language.HostPattern;
import io.github.tcpwrappers.language.InterfaceNames;
import java.util.List;

/** The /file lists the fuzz targets' rules may name, without touching the disk. */
final class FuzzTables {
    private FuzzTables() {
    }

    static HostPattern.HostList list(String token) {
        if (token.equals("/fuzz/list")) {
            return new HostPattern.HostList.Loaded(token, List.of(
                    HostPattern.parse("10.0.0.1", FuzzTables::list, InterfaceNames.NONE),
                    HostPattern.parse(".example.com", FuzzTables::list, InterfaceNames.NONE)));
        }
        if (token.equals("/fuzz/cycle")) {
            return new HostPattern.HostList.Cycle(token);
        }
        return new HostPattern.HostList.Missing(token);
    }
}
