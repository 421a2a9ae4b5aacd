/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.crowdsec.testing;

import io.github.tcpwrappers.testing.Peers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's CrowdSec 1.4.6, unpacked (not installed: its post-install script registers with the
 * online service and fails) into {@code /opt/crowdsec-deb} by {@code test.sh}, run as a Local API
 * only ({@code crowdsec -no-cs}) on a free loopback port with its config, database and logs in a
 * temp dir, and driven with its own {@code cscli}.
 *
 * <pre>{@code
 * try (CrowdSecLapi lapi = CrowdSecLapi.start()) {
 *     String key = lapi.addBouncer("jvm");
 *     lapi.cscli("decisions", "add", "-i", "203.0.113.7", "-d", "1h");
 * }
 * }</pre>
 *
 * Where the unpacked tree is missing, {@link #start()} throws {@link NotUnpacked}, which the
 * module's tests turn into one skip line (a failure under CI=true). In this module's test-jar
 * for the benchmarks.
 */
public final class CrowdSecLapi implements AutoCloseable {
    /** Where test.sh unpacks the package; -Dcrowdsec.home=DIR for another place. */
    private static final Path DEFAULT_HOME = Path.of("/opt/crowdsec-deb");

    private final Path home;
    private final Path dir;
    private final Path config;
    private final int port;
    private final Optional<Tls> tls;
    private Process process;

    /**
     * The LAPI's own TLS ({@code api.server.tls}): its certificate and key, the CA that signs
     * client certificates, and how it checks them (Go's tls.ClientAuthType names, e.g.
     * {@code VerifyClientCertIfGiven}).
     */
    public record Tls(Path certFile, Path keyFile, Path clientCa, String clientVerification) {
    }

    /** CrowdSec is not unpacked where the tests look; the message says how to get it. */
    public static final class NotUnpacked extends IllegalStateException {
        NotUnpacked(String message) {
            super(message);
        }
    }

    private CrowdSecLapi(Path home, Path dir, int port, Optional<Tls> tls) {
        this.home = home;
        this.dir = dir;
        this.config = dir.resolve("etc/config.yaml");
        this.port = port;
        this.tls = tls;
    }

    /** A plain-HTTP LAPI on 127.0.0.1, answering, with a machine registered for cscli. */
    public static CrowdSecLapi start() throws Exception {
        return start(Optional.empty());
    }

    /**
     * {@link #start()}, or the test skipped with one line where CrowdSec is not unpacked (failed
     * under CI=true), for tests that need the LAPI only in some of their cases.
     */
    public static CrowdSecLapi startOrSkip() throws Exception {
        try {
            return start();
        } catch (NotUnpacked e) {
            return Peers.fromEnvironment().absent(e.getMessage() + "; CrowdSec tests skipped");
        }
    }

    /** The same over TLS. */
    public static CrowdSecLapi start(Tls tls) throws Exception {
        return start(Optional.of(tls));
    }

    private static CrowdSecLapi start(Optional<Tls> tls) throws Exception {
        Path home = home();
        AssertionError last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            Path dir = Files.createTempDirectory("crowdsec-");
            CrowdSecLapi lapi = new CrowdSecLapi(home, dir, freePort(), tls);
            try {
                lapi.configure();
                lapi.resume();
                // cscli decisions add/delete talk to the LAPI as a machine (watcher): register one
                lapi.cscli("machines", "add", "cscli", "--auto", "-f", lapi.dir.resolve("etc/local_api_credentials.yaml").toString(),
                        "--url", lapi.url());
                return lapi;
            } catch (AssertionError e) {
                lapi.close();
                last = e;
            }
        }
        throw last;
    }

    private static Path home() {
        Path home = Path.of(System.getProperty("crowdsec.home", DEFAULT_HOME.toString()));
        if (!Files.isExecutable(home.resolve("usr/bin/crowdsec"))) {
            throw new NotUnpacked("CrowdSec is not unpacked in " + home + ": run test.sh as root (apt-get download crowdsec;"
                    + " dpkg-deb -x crowdsec_*.deb " + DEFAULT_HOME + ")");
        }
        return home;
    }

    /** The LAPI's base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return (tls.isPresent() ? "https" : "http") + "://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Registers a bouncer and returns its API key. */
    public String addBouncer(String name) {
        return cscli("bouncers", "add", name, "-o", "raw").strip();
    }

    /** A machine's login and password. */
    public record Machine(String login, String password) {
    }

    /** Registers a machine (watcher) with a generated password, as cscli writes it to its credentials file. */
    public Machine addMachine(String name) throws IOException {
        Path creds = dir.resolve(name + "-creds.yaml");
        cscli("machines", "add", name, "--auto", "-f", creds.toString(), "--url", url());
        String login = null;
        String password = null;
        for (String line : Files.readAllLines(creds)) {
            if (line.startsWith("login: ")) {
                login = line.substring("login: ".length()).strip();
            } else if (line.startsWith("password: ")) {
                password = line.substring("password: ".length()).strip();
            }
        }
        if (login == null || password == null) {
            throw new AssertionError("no login and password in " + creds + ": " + Files.readString(creds));
        }
        return new Machine(login, password);
    }

    /** Runs {@code cscli -c config.yaml ARGS...}; returns its standard output, fails with its stderr if it fails. */
    public String cscli(String... args) {
        // CrowdSec 1.4.6's SQLite answers "database is locked" when cscli writes while the LAPI
        // serves a poll; the write is refused whole (nothing is created), so it is run again.
        for (int attempt = 1; ; attempt++) {
            try {
                return cscliOnce(args);
            } catch (AssertionError e) {
                if (attempt == 5 || !String.valueOf(e.getMessage()).contains("database is locked")) {
                    throw e;
                }
                try {
                    Thread.sleep(100L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private String cscliOnce(String... args) {
        List<String> command = new ArrayList<>(List.of(home.resolve("usr/bin/cscli").toString(), "-c", config.toString()));
        command.addAll(List.of(args));
        try {
            Path err = Files.createTempFile(dir, "cscli-", ".err");
            Process cscli = new ProcessBuilder(command).directory(dir.toFile()).redirectError(err.toFile()).start();
            cscli.getOutputStream().close();
            byte[] out = cscli.getInputStream().readAllBytes();
            if (!cscli.waitFor(60, TimeUnit.SECONDS)) {
                cscli.destroyForcibly();
                throw new AssertionError(command + " did not finish in 60 s");
            }
            if (cscli.exitValue() != 0) {
                throw new AssertionError(command + " exited " + cscli.exitValue() + ": " + Files.readString(err));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    /** Whether the LAPI's process runs (after {@link #stop} it does not until {@link #resume}). */
    public boolean answers() {
        return process != null && process.isAlive();
    }

    /** Stops the LAPI (SIGTERM); its database stays. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Starts it (again) on the same port with the same database, once it listens. */
    public void resume() throws IOException, InterruptedException {
        Path log = dir.resolve("crowdsec.log");
        process = new ProcessBuilder(home.resolve("usr/bin/crowdsec").toString(), "-c", config.toString(), "-no-cs")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        process.getOutputStream().close();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new AssertionError("crowdsec exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("crowdsec did not listen on 127.0.0.1:" + port + " in 30 s: " + Files.readString(log));
    }

    /** What crowdsec has logged so far. */
    public String log() throws IOException {
        return Files.readString(dir.resolve("crowdsec.log"));
    }

    /**
     * The package's own etc/crowdsec, with every path moved into the temp dir, the service in the
     * foreground logging to stdout, the LAPI on this port only, no Central API and no Prometheus
     * listener (two LAPIs would both want 6060).
     */
    private void configure() throws IOException {
        Path etc = dir.resolve("etc");
        copyTree(home.resolve("etc/crowdsec"), etc);
        Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("hub"));
        Files.createDirectories(dir.resolve("log"));
        String text = Files.readString(config);
        text = replace(text, "daemonize: true", "daemonize: false");
        text = replace(text, "log_media: file", "log_media: stdout");
        text = replace(text, "/etc/crowdsec/", etc + "/");
        text = replace(text, "/var/lib/crowdsec/data/", dir.resolve("data") + "/");
        text = replace(text, "/var/lib/crowdsec/hub/", dir.resolve("hub") + "/");
        text = replace(text, "/var/log/", dir.resolve("log") + "/");
        text = replace(text, "/usr/lib/crowdsec/plugins/", home.resolve("usr/lib/crowdsec/plugins") + "/");
        text = replace(text, "listen_uri: 127.0.0.1:8080", "listen_uri: 127.0.0.1:" + port);
        text = replace(text, "    online_client: # Central API credentials (to push signals and receive bad IPs)\n"
                + "      credentials_path: " + etc + "/online_api_credentials.yaml\n", "");
        text = replace(text, "prometheus:\n  enabled: true", "prometheus:\n  enabled: false");
        if (tls.isPresent()) {
            Tls t = tls.get();
            // cscli reaches the LAPI over the same TLS; its certificate is the test's own
            text = replace(text, "insecure_skip_verify: false", "insecure_skip_verify: true");
            text = replace(text, "#    tls:\n#      cert_file: " + etc + "/ssl/cert.pem\n#      key_file: " + etc + "/ssl/key.pem\n",
                    "    tls:\n      cert_file: " + t.certFile() + "\n      key_file: " + t.keyFile() + "\n"
                            + "      ca_cert_path: " + t.clientCa() + "\n      client_verification: " + t.clientVerification() + "\n"
                            + "      bouncers_allowed_ou:\n        - bouncer-ou\n");
        }
        Files.writeString(config, text);
    }

    private static String replace(String text, String from, String to) {
        if (!text.contains(from)) {
            throw new AssertionError("CrowdSec's config.yaml no longer has \"" + from + "\": is it still 1.4.6?");
        }
        return text.replace(from, to);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }
}
