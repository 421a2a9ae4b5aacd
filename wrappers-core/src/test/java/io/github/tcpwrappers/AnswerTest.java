/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.spi.HostNameResolver;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The whole-output answer a one-piece door sends: banner, then twist output, which answers even on a grant. */
class AnswerTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "[{index}] limit {1}")
    @CsvSource(delimiter = '|', textBlock = """
            'Go away\\r\\nnow\\r\\n' | 100 | 'Go away\\nnow'
            'abcdef'                | 4   | 'abcd'
            'ab\u00e9cd'            | 3   | 'ab'
            'ab\u00e9cd'            | 4   | 'ab\u00e9'
            'a\u20acb'              | 3   | 'a'
            'a\u20acb'              | 4   | 'a\u20ac'
            'trailing   \\n'        | 100 | 'trailing'
            'cut here   then'       | 11  | 'cut here'
            """)
    void clipsToUtf8BytesOnACharacterBoundary(String text, int limit, String expected) {
        assertEquals(unescape(expected), Answer.clip(unescape(text), limit));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            'ALL: 127.0.0.2'                                     | true  | true  | ''              | -
            'ALL: 127.0.0.2: banners BANNERS'                    | true  | true  | ''              | -
            'ALL: ALL: DENY'                                     | false | false | ''              | -
            'ALL: ALL: banners BANNERS: DENY'                    | false | false | 'go away\\r\\n'    | 'go away'
            'ALL: ALL: twist /bin/echo twisted %a'               | false | true  | 'twisted 127.0.0.2\\n' | 'twisted 127.0.0.2'
            'ALL: ALL: banners BANNERS: twist /bin/echo hi'      | false | true  | 'go away\\r\\nhi\\n' | 'hi'
            'ALL: ALL: banners BANNERS: twist /bin/true'         | false | true  | 'go away\\r\\n'    | 'go away'
            """)
    void theAnswerIsTheBannerThenTheTwistOutput(String rule, boolean passes, boolean granted, String body,
            String text) throws Exception {
        Path banners = Files.createDirectories(dir.resolve("banners"));
        Files.writeString(banners.resolve("shop"), "go away\n");
        Files.writeString(dir.resolve("hosts.allow"), rule.replace("BANNERS", banners.toString()) + "\n");
        Files.writeString(dir.resolve("hosts.deny"), "");
        try (HostsAccess access = HostsAccess.builder().directory(dir).build()) {
            AccessRequest request = AccessRequest.ofText("shop", "127.0.0.2", 40000, "127.0.0.1", 80, Optional.empty());
            Answer answer = Answer.of(access, access.checkBlocking(request, Duration.ofSeconds(5)))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(passes, answer.passes());
            assertEquals(granted, answer.granted());
            assertArrayEquals(unescape(body).getBytes(StandardCharsets.UTF_8), answer.body());
            assertEquals(Optional.ofNullable(text), answer.text(1024));
        }
    }

    @Test
    void aDecisionThatIsLateOrFailsIsARefusalWithNoBodyThatSaysWhy() throws Exception {
        Files.writeString(dir.resolve("hosts.allow"), "shop: .example.com\n");
        Files.writeString(dir.resolve("hosts.deny"), "ALL: ALL\n");
        HostNameResolver silent = address -> new CompletableFuture<>();
        AccessRequest request = AccessRequest.ofText("shop", "127.0.0.2", 40000, "127.0.0.1", 80, Optional.empty());
        HostsAccess access = HostsAccess.builder().directory(dir).hostNameResolver(silent)
                .lookupTimeout(Duration.ofSeconds(30)).build();
        try (access) {
            Answer late = Answer.check(access, request, Duration.ofMillis(200)).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertRefusedFor(late, TimeoutException.class);
        }
        // A failure arrives wrapped from a later stage; the answer names its cause.
        assertRefusedFor(Answer.failed(new CompletionException(new IllegalStateException("engine broke"))),
                IllegalStateException.class);
    }

    private static void assertRefusedFor(Answer answer, Class<? extends Throwable> why) {
        assertInstanceOf(why, answer.failure().orElseThrow());
        assertFalse(answer.passes());
        assertFalse(answer.granted());
        assertTrue(answer.decision().denied());
        assertTrue(answer.decision().rule().isEmpty(), "no rule made this refusal");
        assertEquals(0, answer.body().length);
        assertEquals(Optional.empty(), answer.text(1024));
    }

    private static String unescape(String text) {
        return text.replace("\\r", "\r").replace("\\n", "\n");
    }
}
