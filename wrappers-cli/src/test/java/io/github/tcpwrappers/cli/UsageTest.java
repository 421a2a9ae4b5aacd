/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad command lines get one clear line, the usage, exit status 2, and nothing on stdout. */
class UsageTest {

    static Stream<Arguments> badCommandLines() {
        return Stream.of(
                Arguments.of(new String[] {}, "wrappers-cli: name a tool: tcpdmatch, tcpdchk, ban, unban or show"),
                Arguments.of(new String[] {"tcpdcheck"}, "wrappers-cli: Unmatched argument at index 0: 'tcpdcheck'"),
                Arguments.of(new String[] {"tcpdmatch", "sshd"},
                        "tcpdmatch: Missing required parameter: '[user@]client'"),
                Arguments.of(new String[] {"tcpdmatch", "sshd", "10.0.0.1", "extra"},
                        "tcpdmatch: Unmatched argument at index 3: 'extra'"),
                Arguments.of(new String[] {"tcpdmatch", "--mode", "lenient", "sshd", "10.0.0.1"},
                        "tcpdmatch: Invalid value for option '--mode': expected one of [STRICT, LIBWRAP]"
                                + " (case-insensitive) but was 'lenient'"),
                Arguments.of(new String[] {"tcpdmatch", "--port", "70000", "sshd", "10.0.0.1"},
                        "tcpdmatch: a port is a number from 0 to 65535"),
                Arguments.of(new String[] {"tcpdmatch", "--port", "ssh", "sshd", "10.0.0.1"},
                        "tcpdmatch: Invalid value for option '--port': 'ssh' is not an int"),
                // What Debian's tcpdmatch refuses (it exits 1 and says why only to syslog).
                Arguments.of(new String[] {"tcpdmatch", "sshd@", "10.0.0.1"},
                        "tcpdmatch: an empty host is not an address"),
                Arguments.of(new String[] {"tcpdmatch", "sshd", "alice@"},
                        "tcpdmatch: an empty host is not an address"),
                Arguments.of(new String[] {"tcpdmatch", "sshd", "[::1]"},
                        "tcpdmatch: [::1]: not an address (IPv6 is written without brackets)"),
                Arguments.of(new String[] {"tcpdmatch", "sshd", "1::2::3"}, "tcpdmatch: 1::2::3: not an IPv6 address"),
                Arguments.of(new String[] {"tcpdmatch", "sshd@multi.example.com", "10.0.0.1"},
                        "tcpdmatch: multi.example.com has more than one address; give one address instead"),
                Arguments.of(new String[] {"tcpdchk", "--verbose"}, "tcpdchk: Unknown option: '--verbose'"),
                Arguments.of(new String[] {"tcpdchk", "--allow"},
                        "tcpdchk: Missing required parameter for option '--allow' (FILE)"));
    }

    @ParameterizedTest
    @MethodSource("badCommandLines")
    void badArgumentsGiveOneLineErrorUsageAndStatus2(String[] args, String firstLine) {
        Cli.Result result = Cli.run(args);

        assertEquals(2, result.status());
        assertEquals(firstLine, result.firstErrLine());
        assertTrue(result.err().contains("Usage: "), result.err());
        assertTrue(result.err().contains("--help' for more information."), result.err());
        assertEquals("", result.out());
    }

    @Test
    void helpListsTheExitStatusesAndSucceeds() {
        Cli.Result result = Cli.run("tcpdmatch", "--help");

        assertEquals(0, result.status());
        assertTrue(result.out().contains("Exit status:"), result.out());
        assertTrue(result.out().contains("--no-dns"), result.out());
    }

    @Test
    void aTableThatIsADirectoryIsRefusedInStrictModeAndReadAsEmptyInLibwrapMode(@TempDir Path dir) throws IOException {
        // libwrap opens a directory, its first read fails, and the table is empty, silently.
        Path allow = Files.createDirectory(dir.resolve("hosts.allow"));
        Files.writeString(dir.resolve("hosts.deny"), "ALL: ALL\n");
        String[] files = {"--allow", allow.toString(), "--deny", dir.resolve("hosts.deny").toString()};

        Cli.Result strict = Cli.run(concat(new String[] {"tcpdmatch"}, files, new String[] {"sshd", "10.0.0.1"}));
        Cli.Result libwrap = Cli.run(concat(new String[] {"tcpdmatch", "--mode", "libwrap"}, files,
                new String[] {"sshd", "10.0.0.1"}));
        Cli.Result check = Cli.run(concat(new String[] {"tcpdchk"}, files, new String[] {}));

        assertEquals(2, strict.status());
        assertTrue(strict.err().contains(allow + ":0: error: is a directory"), strict.err());
        assertEquals(1, libwrap.status(), libwrap.out() + libwrap.err());
        assertTrue(libwrap.out().contains("access:   denied"), libwrap.out());
        assertEquals(1, check.status(), check.out());
        assertTrue(check.out().startsWith(allow + ":0: error: is a directory"), check.out());
    }

    @Test
    void aClientNameThatDoesNotResolveIsAnInputError(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("hosts.allow"), "ALL: ALL\n");
        Files.writeString(dir.resolve("hosts.deny"), "");
        Cli.Result result = Cli.run("tcpdmatch", "--allow", dir.resolve("hosts.allow").toString(), "--deny",
                dir.resolve("hosts.deny").toString(), "sshd", "nowhere.example.org");

        assertEquals(2, result.status());
        assertEquals("tcpdmatch: cannot resolve nowhere.example.org: host not found", result.firstErrLine());
    }

    private static String[] concat(String[]... parts) {
        return Stream.of(parts).flatMap(Stream::of).toArray(String[]::new);
    }
}
