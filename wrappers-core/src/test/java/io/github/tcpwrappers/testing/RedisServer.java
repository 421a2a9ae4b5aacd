/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's redis-server on 127.0.0.1 and a free port, with its own directory: started by the
 * test, stopped (or killed) and started again on the same port, with its data (append-only file,
 * fsync on every write) or without; a replica of another ({@link #replicaOf}), a Sentinel
 * ({@link #sentinel}) or a Cluster node ({@link RedisCluster}). {@link #command} speaks RESP
 * itself, for writes no library does. A missing redis-server skips the test ({@link Peers}).
 *
 * <pre>{@code
 * try (RedisServer master = RedisServer.start(dir.resolve("m"), false);
 *         RedisServer replica = RedisServer.replicaOf(dir.resolve("r"), master);
 *         RedisServer sentinel = RedisServer.sentinel(dir.resolve("s"), "fleet", master)) { ... }
 * }</pre>
 */
public final class RedisServer implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final List<String> argv;
    private Process process;

    private RedisServer(Path dir, int port, List<String> argv) {
        this.dir = dir;
        this.port = port;
        this.argv = argv;
    }

    /**
     * Starts one in {@code dir}; {@code persistent} keeps its data across {@link #restart};
     * {@code options} are more {@code --name value} arguments ({@code --requirepass s3cret}).
     */
    public static RedisServer start(Path dir, boolean persistent, String... options) throws Exception {
        Path binary = binary();
        Files.createDirectories(dir);
        int port = freePort();
        List<String> argv = new ArrayList<>(List.of(binary.toString(), "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--dir", dir.toString(), "--daemonize", "no", "--protected-mode", "no", "--save", "",
                "--logfile", dir.resolve("redis.log").toString()));
        if (persistent) {
            argv.addAll(List.of("--appendonly", "yes", "--appendfsync", "always"));
        } else {
            argv.addAll(List.of("--appendonly", "no"));
        }
        argv.addAll(List.of(options));
        return launched(new RedisServer(dir, port, argv));
    }

    /** A replica of {@code master} (no data of its own on disk), in {@code dir}. */
    public static RedisServer replicaOf(Path dir, RedisServer master) throws Exception {
        return start(dir, false, "--replicaof", "127.0.0.1", Integer.toString(master.port()));
    }

    /**
     * A Sentinel watching {@code master} as {@code name}, quorum 1, that calls a master down after
     * 1 s without an answer; its config (which Sentinel rewrites) lives in {@code dir}.
     */
    public static RedisServer sentinel(Path dir, String name, RedisServer master) throws Exception {
        Path binary = binary();
        Files.createDirectories(dir);
        int port = freePort();
        Path conf = dir.resolve("sentinel.conf");
        Files.writeString(conf, String.join("\n", "port " + port, "bind 127.0.0.1", "daemonize no",
                "protected-mode no", "dir " + dir, "logfile " + dir.resolve("sentinel.log"),
                "sentinel monitor " + name + " 127.0.0.1 " + master.port() + " 1",
                "sentinel down-after-milliseconds " + name + " 1000",
                "sentinel failover-timeout " + name + " 10000", "sentinel parallel-syncs " + name + " 1", ""));
        return launched(new RedisServer(dir, port, List.of(binary.toString(), conf.toString(), "--sentinel")));
    }

    private static Path binary() {
        return Peers.require("redis-server", "apt-get install -y redis-server");
    }

    private static RedisServer launched(RedisServer server) throws Exception {
        server.launch();
        return server;
    }

    /** Its directory. */
    public Path dir() {
        return dir;
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:PORT}, with a password when given. */
    public String uri(String password) {
        return "redis://" + (password.isEmpty() ? "" : ":" + password + "@") + "127.0.0.1:" + port;
    }

    public String uri() {
        return uri("");
    }

    private void launch() throws Exception {
        process = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(dir.resolve("stdout").toFile())
                .start();
        for (int i = 0; i < 100; i++) {
            if (!process.isAlive()) {
                throw new AssertionError("redis-server exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("stdout")) + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("redis-server did not listen on " + port + ": " + log());
    }

    private String log() {
        try {
            Path log = dir.resolve(Files.exists(dir.resolve("sentinel.log")) ? "sentinel.log" : "redis.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Stops it (SIGTERM; a persistent one has fsynced every write) and waits for the end. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** Kills it (SIGKILL: no shutdown, no last write), as a crashed host would, and waits for the end. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Stops it with SIGSTOP: the port stays open and nothing answers (a hung server), until {@link #resume}. */
    public void pause() throws Exception {
        signal("STOP");
    }

    /** Continues a {@link #pause}d server. */
    public void resume() throws Exception {
        signal("CONT");
    }

    private void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** Starts it again on the same port and directory. */
    public void restart() throws Exception {
        stop();
        launch();
    }

    /**
     * Runs one command over RESP and returns the reply as text (a bulk or simple string, an
     * integer, {@code -ERR ...}, arrays joined by newlines).
     */
    public String command(String... args) throws IOException {
        return command(List.of(), args);
    }

    /** The same, after {@code AUTH password}. */
    public String command(List<String> auth, String... args) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            if (!auth.isEmpty()) {
                out.write(resp(List.of("AUTH", auth.get(0))));
                reply(in);
            }
            out.write(resp(List.of(args)));
            out.flush();
            return reply(in);
        }
    }

    private static byte[] resp(List<String> args) {
        StringBuilder b = new StringBuilder("*").append(args.size()).append("\r\n");
        for (String a : args) {
            b.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String reply(InputStream in) throws IOException {
        String line = line(in);
        switch (line.charAt(0)) {
            case '$': {
                int n = Integer.parseInt(line.substring(1));
                if (n < 0) {
                    return "(nil)";
                }
                byte[] data = in.readNBytes(n + 2);
                return new String(data, 0, n, StandardCharsets.UTF_8);
            }
            case '*': {
                int n = Integer.parseInt(line.substring(1));
                List<String> items = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    items.add(reply(in));
                }
                return String.join("\n", items);
            }
            case ':':
            case '+':
                return line.substring(1);
            default:
                return line;
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\r') {
                in.read();
                break;
            }
            b.append((char) c);
        }
        if (b.length() == 0) {
            throw new IOException("redis closed the connection");
        }
        return b.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
