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
