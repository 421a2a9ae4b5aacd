/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.effects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.tcpwrappers.DecisionLog;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.value.Decision;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile client names and users reach a spawned shell only as {@code _}: a recorder script
 * writes the arguments it got, and a canary file that any injected command would create must
 * not exist once every child has exited.
 */
class ShellSafetyTest {
    private static final String CANARY = "CANARY";

    @TempDir
    Path dir;

    /** Payloads; CANARY stands for the canary file's absolute path. */
    static Stream<Arguments> payloads() {
        return Stream.of(
                Arguments.of("semicolon", "x; touch CANARY"),
                Arguments.of("command substitution", "$(touch CANARY)"),
                Arguments.of("backticks", "`touch CANARY`"),
                Arguments.of("single quotes", "' ; touch CANARY ; '"),
                Arguments.of("double quotes", "\" ; touch CANARY ; \""),
                Arguments.of("newline", "host\ntouch CANARY"),
                Arguments.of("carriage return and tab", "host\r\ttouch CANARY"),
                Arguments.of("spaces and redirection", "a b c > CANARY"),
                Arguments.of("pipe and ampersand", "a|touch CANARY&"),
                Arguments.of("IFS expansion", "${IFS}touch${IFS}CANARY"),
                Arguments.of("backslash", "\\;touch\\ CANARY"),
                Arguments.of("glob and braces", "*{a,b}?[x]~#!"),
                Arguments.of("bytes over 0x7f", "\u00e9t\u00e9;touch CANARY"),
                Arguments.of("NUL and DEL", "a\u0000b\u007f;touch CANARY"));
    }

    /** What libwrap's percent_x leaves of a value: each byte of its UTF-8 outside the safe set becomes '_'. */
    static String underscored(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!%+,-./:=@_".indexOf(c) >= 0;
            out.append(safe ? c : '_');
        }
        return out.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void hostileNameAndUserReachTheShellOnlyAsUnderscores(String label, String template) throws Exception {
        Path canary = dir.resolve("canary");
        String payload = template.replace(CANARY, canary.toString());
        Path recorder = dir.resolve("rec.sh");
        Files.writeString(recorder, """
                #!/bin/sh
                out="$1"; shift
                { printf '%s\\n' "$#"; for a in "$@"; do printf '[%s]\\n' "$a"; done; cat; } > "$out.tmp"
                mv "$out.tmp" "$out"
                """);
        Files.setPosixFilePermissions(recorder, PosixFilePermissions.fromString("rwx------"));
        Path out = dir.resolve("argv");
        HostsAccess.Builder builder = Rules.files(dir, "",
                "sshd: ALL: spawn " + recorder + " " + out + " %n %u %c %h\n");
        Decision decision;
        try (HostsAccess access = builder.decisionLog(DecisionLog.builder().logger(new CapturingLogger()).build()).build()) {
            decision = access.checkBlocking(Rules.request("sshd", "127.0.0.2")
                    .withClientName(payload).withUser(payload), Duration.ofSeconds(5));
            List<String> argv = ProcessRunnerTest.awaitFile(out);
            ProcessRunnerTest.await("every child to exit", Duration.ofSeconds(10),
                    () -> ProcessHandle.current().children().findAny().isEmpty());

            String safe = underscored(payload);
            assertEquals(List.of("4", "[" + safe + "]", "[" + safe + "]", "[" + safe + "@" + safe + "]",
                    "[" + safe + "]"), argv, "the recorder's argv (stdin empty)");
            assertEquals(recorder + " " + out + " " + safe + " " + safe + " " + safe + "@" + safe + " " + safe,
                    decision.spawns().get(0).commandLine());
            assertFalse(Files.exists(canary), "an injected command ran");
            List<String> unexpected = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                files.map(p -> p.getFileName().toString())
                        .filter(n -> !List.of("hosts.allow", "hosts.deny", "rec.sh", "argv").contains(n))
                        .forEach(unexpected::add);
            }
            assertEquals(List.of(), unexpected, "files no rule asked for");
        }
    }

    @Test
    void expectedFormsMatchHandWrittenAnswers() {
        assertEquals("x__touch_CANARY", underscored("x; touch CANARY"));
        assertEquals("__t___touch_CANARY", underscored("\u00e9t\u00e9;touch CANARY"));
        assertEquals("host_touch_CANARY", underscored("host\ntouch CANARY"));
        assertEquals("__touch_CANARY_", underscored("$(touch CANARY)"));
    }
}
