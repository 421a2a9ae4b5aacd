/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.evaluation;
import io.github.tcpwrappers.language.CText;

/**
 * libwrap's {@code percent_x}: expands %-sequences against the request, replacing every byte of
 * an expansion outside {@code A-Za-z0-9!%+,-./:=@_} by {@code _} (literal text is kept).
 */
final class Expander {
    /** Option values: libwrap's bf[BUFSIZ]. */
    static final int OPTION_BUFFER = 8192;
    /** Banner lines: libwrap's obuf[2 * BUFSIZ]. */
    static final int BANNER_BUFFER = 16384;

    private static final boolean[] SAFE = new boolean[256];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            SAFE[c] = true;
            SAFE[c - 32] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            SAFE[c] = true;
        }
        for (char c : "!%+,-./:=@_".toCharArray()) {
            SAFE[c] = true;
        }
    }

    private Expander() {
    }

    /** Replaces each byte outside libwrap's safe set with {@code _}. */
    static String sanitize(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 255 || !SAFE[c]) {
                char[] chars = s.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    if (chars[j] > 255 || !SAFE[chars[j]]) {
                        chars[j] = '_';
                    }
                }
                return new String(chars);
            }
        }
        return s;
    }

    /** Signals that libwrap would have logged "expansion too long" and exited. */
    static final class Overflow extends Exception {
        final String soFar;

        Overflow(String soFar) {
            super(null, null, false, false);
            this.soFar = soFar;
        }
    }

    /**
     * Expands one text. Returns null when an expansion needs a lookup first (the evaluation then
     * records which).
     */
    static String expand(String text, Evaluation e, int buffer) throws Overflow {
        StringBuilder out = new StringBuilder(text.length() + 16);
        int limit = buffer - 1;
        int i = 0;
        while (i < text.length()) {
            String piece;
            if (text.charAt(i) == '%' && i + 1 < text.length()) {
                char ch = text.charAt(i + 1);
                i += 2;
                String expansion = letter(ch, e);
                if (expansion == null) {
                    return null;
                }
                piece = sanitize(expansion);
            } else {
                piece = null;
                if (out.length() + 1 >= limit) {
                    throw new Overflow(out.toString());
                }
                out.append(text.charAt(i++));
                continue;
            }
            if (out.length() + piece.length() >= limit) {
                throw new Overflow(out.toString());
            }
            out.append(piece);
        }
        return out.toString();
    }

    private static String letter(char ch, Evaluation e) {
        Facts f = e.facts;
        switch (ch) {
            case 'a':
                return f.clientAddress;
            case 'A':
                return f.serverAddress;
            case 'c':
                return client(e);
            case 'd':
                return e.daemonInPlace();
            case 'h':
                return hostInfo(f.clientName, f.clientAddress);
            case 'H':
                return hostInfo(f.serverName, f.serverAddress);
            case 'n':
                return e.clientName();
            case 'N':
                return e.serverName();
            case 'p':
                return f.pid;
            case 'r':
                return f.clientPort < 0 ? "0" : Integer.toString(f.clientPort);
            case 'R':
                return f.serverPort < 0 ? "0" : Integer.toString(f.serverPort);
            case 's':
                return server(e);
            case 'u':
                return e.user();
            case '%':
                return "%";
            default:
                e.warn("unrecognized %" + ch);
                return "";
        }
    }

    /** eval_hostinfo without implicit lookups: the name if one was looked up and is known. */
    static String hostInfo(String name, String address) {
        if (name == null) {
            return address;
        }
        return Evaluation.nameKnown(name) ? name : address;
    }

    /** eval_client: user@host when a user has been looked up and is known. */
    static String client(Evaluation e) {
        Facts f = e.facts;
        String host = hostInfo(f.clientName, f.clientAddress);
        String user = f.user;
        if (user == null || CText.equalsIgnoreCase(user, "unknown")) {
            return host;
        }
        return user + "@" + host;
    }

    /**
     * eval_server: daemon@host (a copy) unless the server is unknown; then the request's own
     * daemon string, which percent_x then sanitises in place.
     */
    static String server(Evaluation e) {
        Facts f = e.facts;
        String host = hostInfo(f.serverName, f.serverAddress);
        if (CText.equalsIgnoreCase(host, "unknown")) {
            return e.daemonInPlace();
        }
        return e.daemon() + "@" + host;
    }
}
