/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.crowdsec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.crowdsec.testing.CrowdSecLapi;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bouncer against the real LAPI over its own TLS ({@code api.server.tls}), with an API key or a client certificate. */
class TlsTest {
    @TempDir
    static Path dir;
    private static TestPki pki;
    private static CrowdSecLapi lapi;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create(dir);
        lapi = RealLapi.start(new CrowdSecLapi.Tls(pki.serverPem(), pki.serverKey(), pki.caPem(), "VerifyClientCertIfGiven"));
        lapi.cscli("decisions", "add", "-i", "203.0.113.70", "-d", "1h");
    }

    @AfterAll
    static void stop() throws Exception {
        if (lapi != null) {
            lapi.close();
        }
    }

    private static CrowdSecBouncer.Builder bouncer() {
        return CrowdSecBouncer.builder(URI.create(lapi.url())).pollInterval(Duration.ofMillis(200));
    }

    private static void awaitError(CrowdSecBouncer bouncer) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (bouncer.status().lastError().isEmpty()) {
            assertTrue(System.nanoTime() < end, "no error");
            Thread.sleep(10);
        }
    }

    @Test
    void anApiKeyOverTlsToATrustedLapiGetsTheList() throws Exception {
        try (CrowdSecBouncer bouncer = bouncer().apiKey(lapi.addBouncer("tls-key")).sslContext(pki.trustingCa()).build()) {
            bouncer.firstSync().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertTrue(bouncer.bans().stream().anyMatch(b -> b.network().toString().equals("203.0.113.70")), bouncer.bans().toString());
        }
    }

    @Test
    void aClientCertificateWithTheBouncerOuNeedsNoApiKey() throws Exception {
        try (CrowdSecBouncer bouncer = bouncer().sslContext(pki.withClient(pki.client("jvm-bouncer", "bouncer-ou"))).build()) {
            bouncer.firstSync().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertTrue(bouncer.bans().stream().anyMatch(b -> b.network().toString().equals("203.0.113.70")), bouncer.bans().toString());
        }
    }

    @Test
    void aClientCertificateWithAnotherOuIsRefusedClearly() throws Exception {
        try (CrowdSecBouncer bouncer = bouncer().sslContext(pki.withClient(pki.client("intruder", "agent-ou"))).build()) {
            awaitError(bouncer);
            String error = bouncer.status().lastError().orElseThrow();
            assertTrue(error.startsWith("crowdsec " + lapi.url() + ": HTTP 403"), error);
            assertTrue(error.contains("refused this bouncer's client certificate"), error);
        }
    }

    @Test
    void aLapiCertificateTheBouncerDoesNotTrustIsATlsError() throws Exception {
        try (CrowdSecBouncer bouncer = bouncer().apiKey(lapi.addBouncer("tls-untrusting")).build()) {
            awaitError(bouncer);
            String error = bouncer.status().lastError().orElseThrow();
            assertTrue(error.startsWith("crowdsec " + lapi.url() + ": TLS handshake failed"), error);
            assertTrue(bouncer.bans().isEmpty());
        }
    }
}
