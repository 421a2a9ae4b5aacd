/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.crowdsec;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Settings refused before anything is sent: nowhere for a key to leak, no bouncer that cannot work. */
class BuilderTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ftp://127.0.0.1:8080", "127.0.0.1:8080", "http:///v1", "http://user:secret@127.0.0.1:8080",
        "http://127.0.0.1:8080/?api_key=x", "http://127.0.0.1:8080/#frag"})
    void aLapiUrlThatIsNotPlainHttpWithAHostIsRefused(String url) {
        assertThrows(IllegalArgumentException.class, () -> CrowdSecBouncer.builder(URI.create(url)));
        assertThrows(IllegalArgumentException.class, () -> CrowdSecWatcher.builder(URI.create(url)));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", " ", "key with spaces", "key\r\nX-Injected: 1", "clé"})
    void anApiKeyThatCouldBreakTheHeaderIsRefused(String key) {
        CrowdSecBouncer.Builder builder = CrowdSecBouncer.builder(URI.create("http://127.0.0.1:8080"));
        assertThrows(IllegalArgumentException.class, () -> builder.apiKey(key));
    }

    @Test
    void plainHttpNeedsAnApiKeyAndTakesNoTlsSettings() throws Exception {
        IllegalStateException noKey = assertThrows(IllegalStateException.class,
                () -> CrowdSecBouncer.builder(URI.create("http://127.0.0.1:8080")).build());
        assertTrue(noKey.getMessage().contains("an API key is needed"), noKey.getMessage());
        SSLContext tls = SSLContext.getDefault();
        assertThrows(IllegalStateException.class,
                () -> CrowdSecBouncer.builder(URI.create("http://127.0.0.1:8080")).apiKey("k").sslContext(tls).build());
    }

    @Test
    void durationsAndBoundsMustBePositive() {
        CrowdSecBouncer.Builder builder = CrowdSecBouncer.builder(URI.create("http://127.0.0.1:8080"));
        assertThrows(IllegalArgumentException.class, () -> builder.pollInterval(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> builder.requestTimeout(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> builder.resyncInterval(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> builder.maxResponseBytes(0));
        assertThrows(IllegalArgumentException.class, () -> builder.jitter(1.5));
        assertThrows(IllegalArgumentException.class, () -> builder.jitter(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> builder.machine("", "pw"));
    }
}
