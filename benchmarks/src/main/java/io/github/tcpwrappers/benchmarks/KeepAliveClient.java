package io.github.tcpwrappers.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** One HTTP/1.1 keep-alive connection from 127.0.0.1 sending GETs one after another. */
final class KeepAliveClient implements AutoCloseable {
    private static final byte[] REQUEST = "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    KeepAliveClient(int port) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 8192);
    }

    /** Sends one request and reads the whole answer; fails on anything but 200. */
    int exchange() throws IOException {
        out.write(REQUEST);
        out.flush();
        StringBuilder head = new StringBuilder(160);
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            int n = head.length();
            if (n >= 4 && head.charAt(n - 1) == '\n' && head.charAt(n - 2) == '\r'
                    && head.charAt(n - 3) == '\n' && head.charAt(n - 4) == '\r') {
                break;
            }
        }
        String h = head.toString();
        if (!h.startsWith("HTTP/1.1 200")) {
            throw new IOException("unexpected answer: " + h);
        }
        int at = h.toLowerCase(Locale.ROOT).indexOf("content-length:");
        int end = h.indexOf('\r', at);
        int length = Integer.parseInt(h.substring(at + 15, end).trim());
        for (int i = 0; i < length; i++) {
            if (in.read() < 0) {
                throw new IOException("short body");
            }
        }
        return length;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
