/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the tools in-process with captured output. */
final class Cli {
    private Cli() {
    }

    /** What one run printed and returned. */
    record Result(int status, String out, String err) {
        /** The first line of stderr. */
        String firstErrLine() {
            int nl = err.indexOf('\n');
            return nl < 0 ? err : err.substring(0, nl);
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(status, out.toString(), err.toString());
    }
}
