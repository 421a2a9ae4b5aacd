/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.crowdsec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway CA made with openssl in a temp dir: a server certificate for 127.0.0.1 (the LAPI's
 * {@code tls:}) and client certificates with the OU the LAPI checks, as the JDK loads them.
 */
final class TestPki {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private final Path dir;

    private TestPki(Path dir) {
        this.dir = dir;
    }

    static TestPki create(Path dir) throws Exception {
        TestPki pki = new TestPki(dir);
        pki.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj",
                "/CN=tcpwrappers test CA");
        pki.sign("server", "/CN=127.0.0.1", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        return pki;
    }

    Path caPem() {
        return dir.resolve("ca.pem");
    }

    Path serverPem() {
        return dir.resolve("server.pem");
    }

    Path serverKey() {
        return dir.resolve("server.key");
    }

    /** A client certificate with this OU (the LAPI takes {@code bouncer-ou} for bouncers), as PKCS#12. */
    Path client(String name, String ou) throws Exception {
        sign(name, "/OU=" + ou + "/CN=" + name, "extendedKeyUsage=clientAuth\n");
        openssl("pkcs12", "-export", "-in", name + ".pem", "-inkey", name + ".key", "-out", name + ".p12", "-passout",
                "pass:" + new String(PASSWORD));
        return dir.resolve(name + ".p12");
    }

    /** Trusts the test CA only. */
    SSLContext trustingCa() throws Exception {
        return context(null);
    }

    /** Trusts the test CA and presents {@code p12}. */
    SSLContext withClient(Path p12) throws Exception {
        return context(p12);
    }

    private SSLContext context(Path p12) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem())) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (p12 != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(p12)) {
                keys.load(in, PASSWORD);
            }
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, PASSWORD);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    private void sign(String name, String subject, String extensions) throws Exception {
        Files.writeString(dir.resolve(name + ".ext"), extensions);
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", subject);
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", name + ".pem",
                "-days", "2", "-extfile", name + ".ext");
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(command + " failed: " + out);
        }
    }
}
