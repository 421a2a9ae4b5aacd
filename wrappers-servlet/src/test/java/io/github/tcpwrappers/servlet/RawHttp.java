/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.servlet;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP/1.1 client on a plain socket bound to a chosen loopback address, so that each test
 * client has its own source address (127.0.0.2, ...); java.net.http cannot bind.
 */
public final class RawHttp {
    private RawHttp() {
    }

    public record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** GET {@code path} from {@code from} to {@code server}:{@code port}, with extra header lines. */
    public static Response get(String from, String server, int port, String path, String... headerLines) throws IOException {
        return send(from, server, port, new byte[0], path, headerLines);
    }

    /** As {@link #get}, with {@code prefix} bytes (a PROXY protocol line) before the request. */
    static Response send(String from, String server, int port, byte[] prefix, String path, String... headerLines)
            throws IOException {
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(15_000);
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName(server), port), 5_000);
            StringBuilder request = new StringBuilder()
                    .append("GET ").append(path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(server.contains(":") ? "[" + server + "]" : server).append(':')
                    .append(port).append("\r\n")
                    .append("Connection: close\r\n");
            for (String line : headerLines) {
                request.append(line).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(prefix);
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return parse(readAll(socket.getInputStream()));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        for (int n; (n = in.read(chunk)) >= 0; ) {
            all.write(chunk, 0, n);
            if (all.size() > 4 << 20) {
                throw new IOException("response over 4 MiB");
            }
        }
        return all.toByteArray();
    }

    /**
     * One HTTP/1.1 connection from a chosen loopback address, request after request. Each answer
     * must carry its length (Content-Length or a chunked body) for the connection to be kept.
     */
    static final class Connection implements AutoCloseable {
        private final Socket socket = new Socket();
        private final InputStream in;
        private final OutputStream out;
        private final String host;

        Connection(String from, String server, int port) throws IOException {
            socket.setSoTimeout(15_000);
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName(server), port), 5_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            host = (server.contains(":") ? "[" + server + "]" : server) + ":" + port;
        }

        /** GET {@code path}; the connection stays open unless the answer says {@code Connection: close}. */
        Response get(String path) throws IOException {
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String statusLine = line();
            if (!statusLine.startsWith("HTTP/1.1 ")) {
                throw new IOException("not an HTTP/1.1 status line: '" + statusLine + "'");
            }
            StringBuilder text = new StringBuilder(statusLine);
            for (String header; !(header = line()).isEmpty(); ) {
                text.append("\r\n").append(header);
            }
            Head head = head(text.toString());
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            String length = head.headers().get("content-length");
            if ("chunked".equalsIgnoreCase(head.headers().get("transfer-encoding"))) {
                for (int size; (size = Integer.parseInt(line().split(";")[0].strip(), 16)) > 0; ) {
                    body.write(in.readNBytes(size));
                    line();
                }
                line();
            } else if (length != null) {
                body.write(in.readNBytes(Integer.parseInt(length)));
            } else {
                throw new IOException("a kept-alive response without a length: " + statusLine);
            }
            return new Response(head.status(), head.headers(), body.toString(StandardCharsets.UTF_8));
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c; (c = in.read()) != '\n'; ) {
                if (c < 0) {
                    throw new IOException("connection closed mid-response after '" + line + "'");
                }
                if (line.length() > 8192) {
                    throw new IOException("line too long");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private record Head(int status, Map<String, String> headers) {
    }

    /** The status and headers (names lower-cased) of a response head, without its blank line. */
    private static Head head(String text) {
        String[] lines = text.strip().split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ", 3)[1]);
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        return new Head(status, headers);
    }

    private static Response parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete response head: '" + text + "'");
        }
        Head head = head(text.substring(0, end));
        byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(head.headers().get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(head.status(), head.headers(), new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOfCrlf(body, at);
            if (lineEnd < 0) {
                throw new IOException("truncated chunked body");
            }
            String sizeText = new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].strip();
            int size = Integer.parseInt(sizeText, 16);
            at = lineEnd + 2;
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(body, at, size);
            at += size + 2;
        }
    }

    private static int indexOfCrlf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
