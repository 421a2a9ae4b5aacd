/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.TestAbortedException;

/** The test-jar's one gate for real peers: found, skipped with what to install, or failed under CI. */
class PeersTest {
    @TempDir
    Path bin;

    private Path program(String name, String permissions) throws Exception {
        Path p = Files.writeString(bin.resolve(name), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(permissions));
        return p;
    }

    private Peers peers(String ci) {
        return Peers.of(Map.of("PATH", bin.toString(), "CI", ci));
    }

    static Stream<Arguments> missing() {
        // CI value, whether the test fails (true) or is skipped (false).
        return Stream.of(Arguments.of("", false), Arguments.of("false", false), Arguments.of("1", false),
                Arguments.of("true", true), Arguments.of("TRUE", true));
    }

    @ParameterizedTest(name = "CI={0}: fails={1}")
    @MethodSource("missing")
    void missingPeerIsSkippedWithWhatToInstallOrFailsUnderCi(String ci, boolean fails) {
        String name = "no-such-peer-" + ProcessHandle.current().pid();
        PrintStream stderr = System.err;
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        System.setErr(new PrintStream(said, true, StandardCharsets.UTF_8));
        Throwable thrown;
        try {
            thrown = assertThrows(Throwable.class, () -> peers(ci).find(name, "apt-get install -y " + name));
        } finally {
            System.setErr(stderr);
        }
        assertEquals(fails ? AssertionError.class : TestAbortedException.class, thrown.getClass(), thrown.toString());
        String message = thrown.getMessage();
        assertTrue(message.startsWith("missing peer: " + name + " is not installed (looked in /usr/sbin:"), message);
        assertTrue(message.contains(bin.toString()), message);
        assertTrue(message.contains("install it: apt-get install -y " + name), message);
        assertFalse(message.contains("\n"), "one line: " + message);
        String printed = said.toString(StandardCharsets.UTF_8);
        assertEquals(fails ? "" : message + "; skipping\n", printed);
    }

    @Test
    void installedPeerIsFoundOnThePath() throws Exception {
        Path p = program("fake-peer", "rwxr-xr-x");
        assertEquals(p, peers("true").find("fake-peer", "never said"));
        assertEquals(Optional.of(p), peers("").locate("fake-peer"));
    }

    @Test
    void aFileThatIsNotExecutableIsMissing() throws Exception {
        Path p = program("fake-peer", "rw-r--r--");
        assertEquals(Optional.empty(), peers("").locate("fake-peer"));
        assertThrows(AssertionError.class, () -> peers("true").find(p.toString(), "chmod +x it"));
    }

    @Test
    void anAbsolutePathMeansExactlyThatFile() throws Exception {
        Path p = program("fake-peer", "rwxr-xr-x");
        Peers none = Peers.of(Map.of("CI", "true"));
        assertEquals(p, none.find(p.toString(), "never said"));
        AssertionError e = assertThrows(AssertionError.class, () -> none.find(p + ".gone", "apt-get install -y x"));
        assertTrue(e.getMessage().contains("(looked in " + p + ".gone)"), e.getMessage());
    }

    @Test
    void aRelativePathIsAMistakeOfTheTest() {
        assertThrows(IllegalArgumentException.class, () -> peers("").locate("bin/haproxy"));
    }

    @Test
    void debiansSbinIsSearchedWithoutItOnThePath() {
        // /bin/sh is on every machine these tests run on; PATH is empty here.
        assertEquals(Optional.of(Path.of("/bin/sh")).map(Path::getFileName),
                Peers.of(Map.of()).locate("sh").map(Path::getFileName));
    }
}
