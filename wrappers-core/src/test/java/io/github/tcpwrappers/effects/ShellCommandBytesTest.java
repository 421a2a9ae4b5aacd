/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.effects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.tcpwrappers.DecisionLog;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.value.Decision;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Expanded values are bytes: a spawned shell gets exactly the bytes libwrap would give it, also
 * those that are not UTF-8 ({@code %} followed by a multi-byte character consumes one byte and
 * keeps the rest). The command writes what it got to a file, compared byte for byte.
 */
class ShellCommandBytesTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            lone continuation byte after %é     | spawn echo x%éy > OUT                    | 78a9790a
            valid UTF-8 literal                 | spawn echo café > OUT                    | 636166c3a90a
            two bytes left after %€             | spawn echo %€ > OUT                      | 82ac0a
            setenv value with a lone byte       | setenv V x%éy: spawn echo "$V" > OUT     | 78a9790a
            umask in front of the bytes         | umask 077: spawn echo x%éy > OUT         | 78a9790a
            nice in front of the bytes          | nice 1: spawn echo x%éy > OUT            | 78a9790a
            expansion sanitised, literal kept   | spawn echo é%d > OUT                     | c3a9737368640a
            """)
    void theShellGetsTheExpandedBytes(String label, String options, String hex) throws Exception {
        Path out = dir.resolve("out");
        byte[] expected = HexFormat.of().parseHex(hex.replace(" ", ""));
        HostsAccess.Builder builder = Rules.files(dir, "sshd: ALL: " + options.replace("OUT", out.toString()) + "\n", "");
        try (HostsAccess access = builder.decisionLog(DecisionLog.builder().logger(new CapturingLogger()).build()).build()) {
            Decision decision = access.checkBlocking(Rules.request("sshd", "127.0.0.2"), Duration.ofSeconds(5));
            byte[] command = decision.spawns().get(0).commandBytes();
            String tail = " > " + out;
            byte[] withoutRedirect = new byte[command.length - tail.length()];
            System.arraycopy(command, 0, withoutRedirect, 0, withoutRedirect.length);
            String shown = new String(withoutRedirect, StandardCharsets.ISO_8859_1);
            if (!options.startsWith("setenv")) {
                assertArrayEquals(("echo " + new String(expected, 0, expected.length - 1, StandardCharsets.ISO_8859_1))
                        .getBytes(StandardCharsets.ISO_8859_1), withoutRedirect, shown);
            }
            assertArrayEquals(expected, awaitBytes(out, Duration.ofSeconds(10)), label);
        }
    }

    private static byte[] awaitBytes(Path file, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        // echo's output ends in a newline: the file is whole once it does.
        while (!Files.exists(file) || Files.size(file) == 0
                || Files.readAllBytes(file)[(int) Files.size(file) - 1] != '\n') {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(file + " not written within " + timeout);
            }
            Thread.sleep(20);
        }
        return Files.readAllBytes(file);
    }
}
