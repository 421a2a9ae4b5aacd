/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 18 items 4 and 5 at the command line: {@code tcpdchk} passed a mistyped table and
 * exited 0 (libwrap reads a missing table as empty), and a FIFO named as a table hung it.
 */
class TcpdchkMissingAndBlockingFileAttackTest {
    @TempDir
    Path dir;

    private record Run(int status, String out) {
    }

    private static Run tcpdchk(String... args) {
        StringWriter out = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "tcpdchk";
        System.arraycopy(args, 0, all, 1, args.length);
        int status = Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), all);
        return new Run(status, out.toString());
    }

    @ParameterizedTest(name = "--mode {0}")
    @ValueSource(strings = {"strict", "libwrap"})
    void aMistypedTableOnTheCommandLineFails(String mode) throws Exception {
        Files.writeString(dir.resolve("hosts.allow"), "sshd: 10.0.0.1\n");
        Path typo = dir.resolve("hosts.dney");
        Run run = tcpdchk("--mode", mode, "--allow", dir.resolve("hosts.allow").toString(), "--deny", typo.toString());
        assertNotEquals(0, run.status(), run.out());
        assertTrue(run.out().contains(typo + ":0: error: does not exist"), run.out());
    }

    @ParameterizedTest(name = "--mode {0}")
    @ValueSource(strings = {"strict", "libwrap"})
    void aFifoAsATableIsReportedWithoutWaitingForAWriter(String mode) throws Exception {
        Files.writeString(dir.resolve("hosts.allow"), "sshd: 10.0.0.1\n");
        Path fifo = dir.resolve("hosts.deny");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor());
        Run run = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> tcpdchk("--mode", mode, "--allow", dir.resolve("hosts.allow").toString(), "--deny", fifo.toString()));
        assertNotEquals(0, run.status(), run.out());
        assertTrue(run.out().contains(fifo + ":0: error: cannot open: not a regular file"), run.out());
    }
}
