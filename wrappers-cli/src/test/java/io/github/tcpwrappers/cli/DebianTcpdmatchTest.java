/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.tcpwrappers.testing.Peers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The golden comparison with Debian's own tcpdmatch: each argument form is put to
 * /usr/sbin/tcpdmatch -d and to ours on the same rule files, and the verdict lines (client,
 * server, access) must be the same. The forms stay off the network: addresses Debian keeps as
 * text and never looks up, unknown and paranoid, and numbers that resolve to 127.0.0.1, whose
 * name both find in a hosts file. (Exit statuses differ by design: ours is 1 for a denial.)
 */
class DebianTcpdmatchTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void rules() throws IOException {
        Files.writeString(dir.resolve("hosts.allow"), String.join("\n",
                "sshd: 10.0.0.01",
                "sshd: [::ffff:0:0]/96",
                "finger: 10.0.0.0/8",
                "ftpd: UNKNOWN",
                "telnet: localhost",
                "smtp@127.0.0.1: ALL",
                "pop@unknown: ALL",
                "imap: paranoid",
                ""));
        Files.writeString(dir.resolve("hosts.deny"), "ALL: ALL\n");
    }

    private static List<String> verdictLines(String out) {
        return out.lines().filter(l -> l.startsWith("client:") || l.startsWith("server:") || l.startsWith("access:"))
                .toList();
    }

    @ParameterizedTest(name = "tcpdmatch {0} {1}")
    @CsvSource(delimiter = ' ', value = {
            "sshd 0x0a.1.2.3", "sshd 10.0.0.01", "sshd 10.0.0.1", "sshd 012.0.0.1", "sshd 1.2.3.04",
            "sshd ::ffff:0:1", "sshd 0:0:0:0:0:ffff:0:1", "sshd ::FFFF:1.2.3.4", "sshd ::1", "sshd FE80::1",
            "sshd fe80::1%1", "sshd alice@10.0.0.01", "sshd @10.0.0.1", "sshd unknown", "sshd UNKNOWN",
            "sshd paranoid", "sshd Paranoid",
            "finger 0x0a.1.2.3", "finger 012.1.2.3", "finger 10.1.2.3", "finger 0X0A.1.2.3",
            "ftpd 127.0.0.1", "ftpd unknown", "ftpd paranoid",
            "telnet 127.1", "telnet 0x7f.1", "telnet 2130706433", "telnet 127.0.0.1",
            "imap paranoid", "imap 10.0.0.1",
            "smtp@127.0.0.1 10.0.0.1", "smtp@127.1 10.0.0.1", "smtp@0x7f.0.0.1 10.0.0.1", "smtp 10.0.0.1",
            "pop 10.0.0.1", "pop@unknown 10.0.0.1", "pop@paranoid 10.0.0.1", "pop@UNKNOWN 10.0.0.1",
            "/usr/sbin/sshd 10.0.0.01"})
    void verdictLinesAreDebians(String daemon, String client) throws Exception {
        Path debian = Peers.require("/usr/sbin/tcpdmatch", "apt-get install -y tcpd");
        Process process = new ProcessBuilder(debian.toString(), "-d", daemon, client).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        String theirs = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, process.waitFor(30, TimeUnit.SECONDS), "Debian's tcpdmatch ended");
        assertEquals(0, process.exitValue(), "Debian's tcpdmatch took the arguments: " + theirs);

        Cli.Result ours = Cli.run("tcpdmatch", "--mode", "libwrap", "--allow", dir.resolve("hosts.allow").toString(),
                "--deny", dir.resolve("hosts.deny").toString(), daemon, client);

        assertEquals(verdictLines(theirs), verdictLines(ours.out()), () -> "Debian's:\n" + theirs + "ours:\n"
                + ours.out() + ours.err());
    }
}
