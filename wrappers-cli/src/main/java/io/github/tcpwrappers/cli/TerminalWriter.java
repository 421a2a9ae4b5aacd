/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.cli;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * The tools' output stream: whatever is printed passes through {@link Json#terminalSafe}, so a
 * rule file, list or banner holding {@code ESC ] 0 ; ... BEL} or {@code ESC [ 2 J} shows those
 * bytes escaped ({@code \u001b]0;...}) instead of retitling or clearing the reader's terminal.
 * Line ends written by {@code println} are the only control characters let through.
 *
 * <pre>{@code
 * PrintWriter out = TerminalWriter.over(spec.commandLine().getOut());
 * out.println("banner:   " + line); // a line from a file, escaped
 * }</pre>
 */
final class TerminalWriter extends PrintWriter {
    private TerminalWriter(Writer out) {
        super(out, true);
    }

    /** A writer escaping what it prints to {@code out}, flushed at each line. */
    static PrintWriter over(Writer out) {
        return out instanceof TerminalWriter ? (PrintWriter) out : new TerminalWriter(out);
    }

    // print(...) and write(String) arrive here; println's line end goes to the wrapped writer
    // directly (PrintWriter.newLine), so it is not escaped.
    @Override
    public void write(String s, int off, int len) {
        String safe = Json.terminalSafe(s.substring(off, off + len));
        super.write(safe, 0, safe.length());
    }

    @Override
    public void write(char[] buf, int off, int len) {
        write(new String(buf, off, len), 0, len);
    }

    @Override
    public void write(int c) {
        write(String.valueOf((char) c), 0, 1);
    }
}
