/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
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
