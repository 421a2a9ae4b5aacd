/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * tcpdchk on the files a rule names: each {@code banners} directory (one that does not exist is
 * a warning, as Debian's tcpdchk says {@code DIR: No such file or directory}) and each
 * {@code /file} list (missing, a directory, or unreadable), every one at FILE:LINE.
 */
class TcpdchkFilesTest {
    @TempDir
    Path dir;

    /** What the case's directory holds before tcpdchk runs. */
    enum Setup {
        NOTHING, BANNER_DIRECTORY, REGULAR_FILES, LIST_DIRECTORY, FIFO
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a missing banners directory is a warning", "sshd: ALL : banners ${DIR}/banners\n",
                        Setup.NOTHING, List.of("${DIR}/hosts.allow:1: warning: banners ${DIR}/banners: No such file or"
                                + " directory: libwrap warns so at every connection this rule decides and sends no"
                                + " banner; create the directory or fix the path"), 0),
                Arguments.of("each rule naming it is told", "sshd: ALL : banners ${DIR}/banners\n"
                        + "ftpd: ALL : banners ${DIR}/banners\n", Setup.NOTHING, List.of(
                                "${DIR}/hosts.allow:1: warning: banners ${DIR}/banners: No such file or directory",
                                "${DIR}/hosts.allow:2: warning: banners ${DIR}/banners: No such file or directory"), 0),
                Arguments.of("a banners directory that exists is fine", "sshd: ALL : banners ${DIR}/banners\n",
                        Setup.BANNER_DIRECTORY, List.of(), 0),
                Arguments.of("a regular file as the banners directory is an error",
                        "sshd: ALL : banners ${DIR}/banners\n", Setup.REGULAR_FILES,
                        List.of("${DIR}/hosts.allow:1: error: banners ${DIR}/banners is not a directory"), 1),
                Arguments.of("a missing list is a warning", "sshd: ${DIR}/list\n", Setup.NOTHING,
                        List.of("${DIR}/hosts.allow:1: warning: list ${DIR}/list does not exist"), 0),
                Arguments.of("a list that is a directory is an error", "sshd: ${DIR}/list\n", Setup.LIST_DIRECTORY,
                        List.of("${DIR}/hosts.allow:1: error: list ${DIR}/list is a directory"), 1),
                Arguments.of("a list that cannot be read is an error saying why", "sshd: 10.0.0.1 ${DIR}/list\n",
                        Setup.FIFO, List.of("${DIR}/hosts.allow:1: error: list ${DIR}/list cannot be read ("), 1),
                Arguments.of("a readable list is fine", "sshd: ${DIR}/list\n", Setup.REGULAR_FILES, List.of(), 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsTheFilesARuleNamesAtFileAndLine(String name, String allow, Setup setup, List<String> expected,
            int status) throws Exception {
        String base = dir.toString();
        switch (setup) {
            case BANNER_DIRECTORY -> Files.createDirectory(dir.resolve("banners"));
            case REGULAR_FILES -> {
                Files.writeString(dir.resolve("banners"), "not a directory\n");
                Files.writeString(dir.resolve("list"), "10.0.0.1\n");
            }
            case LIST_DIRECTORY -> Files.createDirectory(dir.resolve("list"));
            case FIFO -> assertEquals(0, new ProcessBuilder("mkfifo", dir.resolve("list").toString()).inheritIO()
                    .start().waitFor());
            case NOTHING -> {
            }
        }
        Files.writeString(dir.resolve("hosts.allow"), allow.replace("${DIR}", base));
        Files.writeString(dir.resolve("hosts.deny"), "");

        Cli.Result result = Cli.run("tcpdchk", "--mode", "libwrap", "--allow", dir.resolve("hosts.allow").toString(),
                "--deny", dir.resolve("hosts.deny").toString());

        List<String> problems = result.out().lines().filter(l -> l.startsWith(base)).toList();
        assertEquals(expected.size(), problems.size(), result.out());
        for (int i = 0; i < expected.size(); i++) {
            String wanted = expected.get(i).replace("${DIR}", base);
            assertEquals(wanted, problems.get(i).substring(0, Math.min(wanted.length(), problems.get(i).length())),
                    result.out());
        }
        assertEquals(status, result.status(), result.out());
    }
}
