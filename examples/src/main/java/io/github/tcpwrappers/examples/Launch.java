/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.examples;

import java.net.BindException;

/** What the servers' {@code main} methods share: the port argument and a clear bind error. */
final class Launch {
    private Launch() {
    }

    /** Something that starts a server and may find its port taken. */
    @FunctionalInterface
    interface Starter<T> {
        T start() throws Exception;
    }

    /** The port given as the only argument, else {@code fallback}; exits with usage on bad input. */
    static int port(String[] args, int fallback) {
        if (args.length == 0) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(args[0]);
            if (args.length == 1 && port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // falls through to the usage line
        }
        System.err.println("usage: [port]   (0..65535, default " + fallback + "; 0 picks a free one)");
        System.exit(2);
        return fallback;
    }

    /** Starts the server; a taken port ends the program with a message saying so (status 1). */
    static <T> T bound(Starter<T> starter, String server, int port) throws Exception {
        try {
            return starter.start();
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException) {
                    System.err.println(server + ": cannot listen on 127.0.0.1 port " + port + " (" + t.getMessage()
                            + "); pass a free port as the argument, or 0 for any");
                    System.exit(1);
                }
            }
            throw e;
        }
    }
}
