package io.github.tcpwrappers.lookup;

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
 * answering NXDOMAIN for everything else under the reverse zones and example.com.
 */
final class Dnsmasq implements AutoCloseable {
    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/sbin/dnsmasq"), Path.of("/usr/bin/dnsmasq"),
            Path.of("/sbin/dnsmasq"));

    private final Process process;
    private final int port;
    private final Path log;

    private Dnsmasq(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts dnsmasq with these record options ({@code --host-record=...}, {@code --ptr-record=...}). */
    static Dnsmasq start(String... records) throws Exception {
        Path binary = CANDIDATES.stream().filter(Files::isExecutable).findFirst().orElseThrow(() -> new AssertionError(
                "dnsmasq is not installed (looked in " + CANDIDATES + "): these tests need a real DNS server;"
                        + " install it with `apt-get install -y dnsmasq`"));
        AssertionError last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freeUdpPort();
            Path log = Files.createTempFile("dnsmasq-", ".log");
            List<String> command = new ArrayList<>(List.of(binary.toString(), "--port=" + port,
                    "--listen-address=127.0.0.1", "--bind-interfaces", "--no-daemon", "--no-resolv", "--no-hosts",
                    "--conf-file=/dev/null", "--pid-file=", "--log-queries", "--log-facility=-",
                    "--local=/in-addr.arpa/", "--local=/ip6.arpa/", "--local=/example.com/", "--local=/example.net/"));
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

    /**
     * The zone the tests share:
     * <ul>
     * <li>127.0.0.2 and fd00::2 are good.example.com, and back (verified);
     * <li>127.0.0.3 and fd00::3 claim forged.example.com, which is 127.0.0.99 only (paranoid);
     * <li>127.0.0.5 claims ghost.example.com, which has no address (paranoid);
     * <li>127.0.0.6 claims a name with a space in it (not a host name: unknown);
     * <li>::1 is six.example.com, and back;
     * <li>127.0.0.4 and 127.0.0.7 have no PTR (unknown); 127.0.0.10 to .29 are hostNN.example.net.
     * </ul>
     */
    static Dnsmasq startExampleZone() throws Exception {
        List<String> records = new ArrayList<>(List.of(
                "--host-record=good.example.com,127.0.0.2,fd00::2",
                "--host-record=forged.example.com,127.0.0.99",
                "--ptr-record=3.0.0.127.in-addr.arpa,forged.example.com",
                "--ptr-record=" + reverse("fd00::3") + ",forged.example.com",
                "--ptr-record=5.0.0.127.in-addr.arpa,ghost.example.com",
                "--ptr-record=6.0.0.127.in-addr.arpa,bad name.example.com",
                "--host-record=six.example.com,::1"));
        for (int i = 10; i < 30; i++) {
            records.add("--host-record=host" + i + ".example.net,127.0.0." + i);
        }
        return start(records.toArray(String[]::new));
    }

    private static String reverse(String address) throws IOException {
        String name = JndiDnsNameService.reverseName(InetAddress.getByName(address));
        return name.substring(0, name.length() - 1);
    }

    /** The server as {@link JdkHostNameResolver.Builder#dnsServer(String)} takes it. */
    String url() {
        return "dns://127.0.0.1:" + port;
    }

    String log() throws IOException {
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
                new InitialDirContext(env).getAttributes("ready.example.com.", new String[] {"A"});
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
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(log);
    }
}
