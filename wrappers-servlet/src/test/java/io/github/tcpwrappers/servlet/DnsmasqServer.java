package io.github.tcpwrappers.servlet;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's dnsmasq on 127.0.0.1 and a free port, serving only the records given and answering
 * NXDOMAIN for everything else under the reverse zone and the given local domains.
 */
final class DnsmasqServer implements AutoCloseable {
    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/sbin/dnsmasq"), Path.of("/usr/bin/dnsmasq"),
            Path.of("/sbin/dnsmasq"));

    private final Process process;
    private final Path log;
    final InetSocketAddress address;

    private DnsmasqServer(Process process, Path log, InetSocketAddress address) {
        this.process = process;
        this.log = log;
        this.address = address;
    }

    /** Starts dnsmasq with these options ({@code --host-record=...}, {@code --local=/zone/}). */
    static DnsmasqServer start(String... options) throws Exception {
        Path binary = CANDIDATES.stream().filter(Files::isExecutable).findFirst().orElseThrow(() -> new AssertionError(
                "dnsmasq is not installed (looked in " + CANDIDATES + "): the soak needs a real DNS server;"
                        + " install it with `apt-get install -y dnsmasq`"));
        int port;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            port = probe.getLocalPort();
        }
        Path log = Files.createTempFile("dnsmasq-", ".log");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--port=" + port,
                "--listen-address=127.0.0.1", "--bind-interfaces", "--no-daemon", "--no-resolv", "--no-hosts",
                "--conf-file=/dev/null", "--pid-file=", "--log-facility=-", "--local=/in-addr.arpa/"));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        DnsmasqServer server = new DnsmasqServer(process, log, new InetSocketAddress("127.0.0.1", port));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.readString(log).contains("started")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                server.close();
                throw new AssertionError("dnsmasq did not start: " + Files.readString(log));
            }
            Thread.sleep(20);
        }
        return server;
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
