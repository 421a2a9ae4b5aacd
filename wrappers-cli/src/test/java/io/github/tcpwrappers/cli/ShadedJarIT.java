/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as administrators run it: {@code java -jar wrappers-cli.jar ...} in a child JVM,
 * in a directory holding hosts.allow and hosts.deny ({@code -d}), with names from
 * src/test/resources/hosts. Runs after {@code package} (maven-failsafe).
 */
class ShadedJarIT {
    private static final Path JAR = Path.of(System.getProperty("cli.jar", "target/wrappers-cli.jar"));
    private static final Path HOSTS = Path.of(System.getProperty("cli.hostsFile", "src/test/resources/hosts"));
    private static final Path EXPECTED = Path.of("src/test/resources/jar");

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    @BeforeEach
    void rules() throws IOException {
        assertTrue(Files.isRegularFile(JAR), "the shaded jar is built by package: " + JAR.toAbsolutePath());
        Files.copy(EXPECTED.resolve("hosts.allow"), dir.resolve("hosts.allow"));
        Files.copy(EXPECTED.resolve("hosts.deny"), dir.resolve("hosts.deny"));
    }

    private Run java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djdk.net.hosts.file=" + HOSTS.toAbsolutePath(), "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("java -jar did not finish within 60 s: " + command);
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String expected(String name) throws IOException {
        return Files.readString(EXPECTED.resolve(name), StandardCharsets.UTF_8);
    }

    @Test
    void tcpdmatchWithMinusDReadsTheCurrentDirectoryAndResolvesTheClientName() throws Exception {
        Run granted = java("tcpdmatch", "--mode", "libwrap", "-d", "sshd", "host.example.com");
        Run delegated = java("tcpdmatch", "--mode", "libwrap", "-d", "sshd", "192.0.2.99");

        assertEquals(expected("tcpdmatch-granted.out"), granted.out());
        assertEquals("", granted.err());
        assertEquals(0, granted.status());
        assertEquals(expected("tcpdmatch-delegated.out"), delegated.out());
        assertEquals(1, delegated.status());
    }

    @Test
    void tcpdmatchInStrictModeRefusesTheFilesWithStatus2() throws Exception {
        Run refused = java("tcpdmatch", "-d", "sshd", "10.0.0.1");

        assertEquals(expected("tcpdmatch-refused.err"), refused.err());
        assertEquals("", refused.out());
        assertEquals(2, refused.status());
    }

    @Test
    void tcpdchkVerboseListsRulesAndProblemsAndFailsOnErrors() throws Exception {
        Run check = java("tcpdchk", "-d", "-v");

        assertEquals(expected("tcpdchk-v.out"), check.out());
        assertEquals(1, check.status());
    }

    @Test
    void jsonFromTheJarParses() throws Exception {
        Run run = java("tcpdmatch", "--json", "--mode", "libwrap", "-d", "sshd", "10.1.2.3");

        JsonNode root = new ObjectMapper().readTree(run.out());
        assertEquals("hosts.allow", root.at("/checks/0/matched/file").asText());
        assertEquals(2, root.at("/checks/0/matched/line").asInt());
        assertEquals("granted", root.get("access").asText());
        assertEquals(0, run.status());
    }

    @Test
    void badArgumentsExitWithStatus2AndOneLineError() throws Exception {
        Run run = java("tcpdmatch", "-d", "--mode", "loose", "sshd", "10.0.0.1");

        assertEquals(2, run.status());
        assertEquals("tcpdmatch: Invalid value for option '--mode': expected one of [STRICT, LIBWRAP]"
                + " (case-insensitive) but was 'loose'", run.err().lines().findFirst().orElse(""));
        assertTrue(run.err().contains("Usage: wrappers-cli tcpdmatch"), run.err());
    }
}
