/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.naming.CommunicationException;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.directory.InitialDirContext;

/**
 * Debian's dnsmasq on 127.0.0.1 and a free port, serving only the records the test gives and
 * answering NXDOMAIN for everything else under the reverse zones and the {@code --local=/zone/}s
 * given.
 */
public final class Dnsmasq implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private Dnsmasq(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts dnsmasq with these options ({@code --host-record=...}, {@code --ptr-record=...},
     * {@code --local=/zone/}), once it answers. Skips the test (fails it under CI) without dnsmasq.
     */
    public static Dnsmasq start(String... records) throws Exception {
        Path binary = Peers.require("dnsmasq", "apt-get install -y dnsmasq");
        AssertionError last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freeUdpPort();
            Path log = Files.createTempFile("dnsmasq-", ".log");
            List<String> command = new ArrayList<>(List.of(binary.toString(), "--port=" + port,
                    "--listen-address=127.0.0.1", "--bind-interfaces", "--no-daemon", "--no-resolv", "--no-hosts",
                    "--conf-file=/dev/null", "--pid-file=", "--log-queries", "--log-facility=-",
                    "--local=/in-addr.arpa/", "--local=/ip6.arpa/"));
            command.addAll(List.of(records));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Dnsmasq server = new Dnsmasq(process, port, log);
            try {
                server.awaitReady();
                return server;
            } catch (AssertionError e) {
                server.close();
                last = e;
            }
        }
        throw last;
    }

    /** The server as {@code JdkHostNameResolver.Builder#dnsServer(String)} takes it. */
    public String url() {
        return "dns://127.0.0.1:" + port;
    }

    /** Where it answers. */
    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** What it has logged (each query, with {@code --log-queries}). */
    public String log() throws IOException {
        return Files.readString(log);
    }

    private void awaitReady() throws Exception {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
        env.put(Context.PROVIDER_URL, url());
        env.put("com.sun.jndi.dns.timeout.initial", "100");
        env.put("com.sun.jndi.dns.timeout.retries", "1");
        for (int i = 0; i < 50; i++) {
            if (!process.isAlive()) {
                throw new AssertionError("dnsmasq exited with " + process.exitValue() + ": " + log());
            }
            try {
                new InitialDirContext(env).getAttributes("ready.in-addr.arpa.", new String[] {"PTR"});
                return;
            } catch (CommunicationException e) {
                Thread.sleep(100);
            } catch (NamingException e) {
                return; // NXDOMAIN: it answers
            }
        }
        throw new AssertionError("dnsmasq did not answer on port " + port + ": " + log());
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(log);
    }
}
