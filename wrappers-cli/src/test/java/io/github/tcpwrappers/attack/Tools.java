/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.attack;

import io.github.tcpwrappers.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs tcpdchk or tcpdmatch in-process on the rule files of a directory. */
final class Tools {
    private Tools() {
    }

    /** Status, stdout and stderr of one run. */
    record Run(int status, String out, String err) {
        String both() {
            return out + err;
        }
    }

    static Run run(Path dir, String tool, String... rest) {
        List<String> args = new ArrayList<>(List.of(tool, "--allow", dir.resolve("hosts.allow").toString(),
                "--deny", dir.resolve("hosts.deny").toString()));
        args.addAll(List.of(rest));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        return new Run(status, out.toString(), err.toString());
    }
}
