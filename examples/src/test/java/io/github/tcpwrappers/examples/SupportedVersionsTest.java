/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.HostsAccess;
import io.grpc.internal.GrpcUtil;
import io.netty.util.Version;
import jakarta.servlet.Servlet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.catalina.util.ServerInfo;
import org.eclipse.jetty.util.Jetty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * README's "Supported versions" table says what the suite runs against: each "tested with"
 * cell is the version of that library on this test class path (the one every module's tests
 * resolve from the parent pom), and each "supported" line is that version's major.minor.
 */
class SupportedVersionsTest {
    private static final Path README = Path.of("../README.md");

    /** The README's rows: first cell, then the other cells. */
    static Map<String, String[]> table() throws IOException {
        String text = Files.readString(README, StandardCharsets.UTF_8);
        int start = text.indexOf("## Supported versions");
        assertTrue(start >= 0, "README has a Supported versions section");
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (String line : text.substring(start, text.indexOf("\n## ", start + 1)).split("\n")) {
            if (line.startsWith("| ") && !line.startsWith("| ---") && !line.startsWith("| |")) {
                String[] cells = line.substring(2, line.length() - 2).split(" \\| ");
                rows.put(cells[0], cells);
            }
        }
        return rows;
    }

    static Stream<Arguments> libraries() {
        Map<String, Supplier<String>> actual = new LinkedHashMap<>();
        actual.put("Netty (`wrappers-netty`)", () -> Version.identify().get("netty-handler").artifactVersion());
        actual.put("Jetty (`wrappers-servlet`)", () -> Jetty.VERSION);
        // "11.0.14.0": Tomcat numbers its builds with a fourth part.
        actual.put("Tomcat (`wrappers-servlet`)", () -> ServerInfo.getServerNumber().replaceAll("\\.0$", ""));
        actual.put("Jakarta Servlet API", () -> Servlet.class.getPackage().getSpecificationVersion());
        actual.put("grpc-java (`wrappers-grpc`)", () -> GrpcUtil.IMPLEMENTATION_VERSION);
        return actual.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("libraries")
    void testedWithIsTheVersionOnTheTestClassPath(String row, Supplier<String> actual) throws IOException {
        String[] cells = table().get(row);
        assertTrue(cells != null, () -> "README's table has a row " + row);
        String version = actual.get();
        assertEquals(version, cells[2], row + ": tested with");
        String minor = version.replaceAll("^(\\d+\\.\\d+).*", "$1");
        assertTrue(cells[1].startsWith(minor), () -> row + ": supported \"" + cells[1] + "\" names " + minor);
    }

    @Test
    void javaRowIsTheBytecodeLevelAndTheRunningJdkIsAtLeastThat() throws IOException {
        String[] cells = table().get("Java");
        int claimed = Integer.parseInt(cells[1].replaceAll("^(\\d+).*", "$1"));
        int major;
        try (InputStream in = HostsAccess.class.getResourceAsStream("HostsAccess.class")) {
            byte[] head = in.readNBytes(8);
            major = ((head[6] & 0xFF) << 8) | (head[7] & 0xFF);
        }
        assertEquals(claimed, major - 44, "class file version of wrappers-core (61 is Java 17)");
        assertTrue(Runtime.version().feature() >= claimed, "the suite runs on Java " + claimed + " or later");
    }
}
