/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden outputs: each directory under {@code src/test/resources/golden} holds rule files, the
 * command line ({@code args}, one argument a line), and what the tool must print
 * ({@code expected.out}, {@code expected.err}) and return ({@code expected.status}).
 * {@code ${DIR}} stands for the directory the case's files are copied to. Run with
 * {@code -Dgolden.write=true} to rewrite the expectations from the current output (then review
 * the diff).
 */
class GoldenTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final List<String> EXPECTATIONS = List.of("args", "expected.out", "expected.err", "expected.status");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(GOLDEN)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void printsAndReturnsWhatTheGoldenFilesSay(String name, @TempDir Path dir) throws IOException {
        Path source = GOLDEN.resolve(name);
        String placeholder = dir.toString();
        copyInputs(source, dir, placeholder);
        String[] args = Files.readAllLines(source.resolve("args"), StandardCharsets.UTF_8).stream()
                .map(a -> a.replace("${DIR}", placeholder)).toArray(String[]::new);

        Cli.Result result = Cli.run(args);

        String out = result.out().replace(placeholder, "${DIR}");
        String err = result.err().replace(placeholder, "${DIR}");
        if (Boolean.getBoolean("golden.write")) {
            Files.writeString(source.resolve("expected.out"), out, StandardCharsets.UTF_8);
            Files.writeString(source.resolve("expected.err"), err, StandardCharsets.UTF_8);
            Files.writeString(source.resolve("expected.status"), result.status() + "\n", StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(source.resolve("expected.out")), "no expected.out for " + name);
        assertAll(
                () -> assertEquals(read(source.resolve("expected.out")), out, "stdout"),
                () -> assertEquals(read(source.resolve("expected.err")), err, "stderr"),
                () -> assertEquals(Integer.parseInt(read(source.resolve("expected.status")).strip()), result.status(),
                        "exit status"));
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    /** Copies a case's rule files (and banner directories, lists) with ${DIR} filled in. */
    static void copyInputs(Path source, Path target, String placeholder) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            files.filter(Files::isRegularFile)
                    .filter(f -> !(f.getParent().equals(source) && EXPECTATIONS.contains(f.getFileName().toString())))
                    .forEach(f -> {
                        Path to = target.resolve(source.relativize(f).toString());
                        try {
                            Files.createDirectories(to.getParent());
                            String text = Files.readString(f, StandardCharsets.UTF_8);
                            Files.writeString(to, text.replace("${DIR}", placeholder), StandardCharsets.UTF_8);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }
    }
}
