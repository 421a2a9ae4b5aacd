/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** tcpdmatch --replay: which log lines are decisions, what they recorded, and the report. */
class ReplayTest {
    @TempDir
    Path dir;

    /** Each row: a log line, then daemon, address, name, user, verdict, rule as parsed ("-" for none, "skip" for a skipped line). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            // slf4j-simple, the engine's own sample (LOGGING.md)
            "[main] WARN io.github.tcpwrappers.access - daemon=sshd client=127.0.0.3 address=127.0.0.3 verdict=denied rule=/etc/hosts.deny:1 facility=daemon refused connect from 127.0.0.3"
                    + " | sshd | 127.0.0.3 | - | - | denied | /etc/hosts.deny:1",
            "[main] WARN io.github.tcpwrappers.access - daemon=sshd client=mallory@::1 address=::1 verdict=denied rule=/etc/hosts.deny:1 facility=daemon refused connect from mallory@::1"
                    + " | sshd | ::1 | - | mallory | denied | /etc/hosts.deny:1",
            "[main] INFO io.github.tcpwrappers.access - daemon=sshd client=127.0.0.2 address=127.0.0.2 verdict=granted facility=daemon connect from 127.0.0.2"
                    + " | sshd | 127.0.0.2 | - | - | granted | -",
            // a verified name the rules needed, in a custom format
            "12:00:01 INFO myserver.access - daemon=web client=host.example.com address=192.0.2.7 verdict=granted rule=/etc/hosts.allow:4 facility=daemon web: host.example.com"
                    + " | web | 192.0.2.7 | host.example.com | - | granted | /etc/hosts.allow:4",
            // logback %kvp quotes the values
            "2026-12-02 12:00:00 WARN a - refused connect from 10.0.0.1 daemon=\"sshd\" client=\"10.0.0.1\" address=\"10.0.0.1\" verdict=\"denied\" rule=\"/etc/hosts.deny:3\""
                    + " | sshd | 10.0.0.1 | - | - | denied | /etc/hosts.deny:3",
            // a JSON encoder
            "{\"level\":\"WARN\",\"daemon\":\"sshd\",\"client\":\"10.0.0.2\",\"address\":\"10.0.0.2\",\"verdict\":\"denied\",\"message\":\"refused connect from 10.0.0.2\"}"
                    + " | sshd | 10.0.0.2 | - | - | denied | -",
            // tcpd's own syslog line
            "Dec  2 12:00:00 gate sshd[4242]: refused connect from 198.51.100.9 | sshd | 198.51.100.9 | - | - | denied | -",
            "Dec  2 12:00:00 gate in.ftpd[7]: connect from 198.51.100.10 | in.ftpd | 198.51.100.10 | - | - | granted | -",
            // not decisions
            "[main] INFO io.github.tcpwrappers.shadow - daemon=sshd address=127.0.0.2 shadowVerdict=denied shadowRule=/x:1 rule=none shadow: would deny sshd from 127.0.0.2 (/x:1, in force: no rule) | skip | - | - | - | - | -",
            "[main] WARN io.github.tcpwrappers.access - daemon=sshd client=127.0.0.2 address=127.0.0.2 rule=/etc/hosts.allow:3 warning: /etc/hosts.allow, line 3: unrecognized %x | skip | - | - | - | - | -",
            "[main] INFO io.github.tcpwrappers.reload - rule files reloaded: 3 rules | skip | - | - | - | - | -",
            "Dec  2 12:00:00 gate sshd[4242]: refused connect from host.example.com | skip | - | - | - | - | -",
    })
    void everyDocumentedLineFormIsReadAndOtherLinesAreSkipped(String line, String daemon, String address, String name,
            String user, String verdict, String rule) {
        Optional<Replay.Logged> parsed = Replay.parse(1, line);
        if ("skip".equals(daemon)) {
            assertTrue(parsed.isEmpty(), parsed.toString());
            return;
        }
        Replay.Logged l = parsed.orElseThrow();
        assertEquals(daemon, l.daemon());
        assertEquals(address, l.address());
        assertEquals(none(name), l.name());
        assertEquals(none(user), l.user());
        assertEquals(verdict.equals("granted"), l.granted());
        assertEquals(none(rule), l.rule());
    }

    private static Optional<String> none(String value) {
        return "-".equals(value) ? Optional.empty() : Optional.of(value);
    }

    /** Replays {@code lines} (each ended by a newline) against the given tables in {@link #dir}. */
    private Cli.Result replayed(String allow, String deny, String... lines) throws Exception {
        Files.writeString(dir.resolve("access.log"), String.join("\n", lines) + "\n");
        Files.writeString(dir.resolve("hosts.allow"), allow);
        Files.writeString(dir.resolve("hosts.deny"), deny);
        return Cli.run("tcpdmatch", "--replay", dir.resolve("access.log").toString(), "--allow",
                dir.resolve("hosts.allow").toString(), "--deny", dir.resolve("hosts.deny").toString());
    }

    @Test
    void theReportCountsChangesByRuleAndLeavesUndecidedWhatTheLogDoesNotHold() throws Exception {
        Cli.Result r = replayed("sshd: 10.0.0.2\nftpd: .example.com\n", "sshd: 10.0.0.1\nftpd: ALL\n",
                "x - daemon=sshd client=10.0.0.1 address=10.0.0.1 verdict=granted facility=daemon connect from 10.0.0.1",
                "x - daemon=sshd client=10.0.0.1 address=10.0.0.1 verdict=granted facility=daemon connect from 10.0.0.1",
                "x - daemon=sshd client=10.0.0.2 address=10.0.0.2 verdict=denied rule=/old:1 facility=daemon refused connect from 10.0.0.2",
                "x - daemon=ftpd client=10.0.0.3 address=10.0.0.3 verdict=granted facility=daemon connect from 10.0.0.3",
                "x - something else");
        Path log = dir.resolve("access.log");
        assertEquals(1, r.status(), r.err());
        assertTrue(r.out().contains("replayed 4 connections from " + log + " (1 other lines skipped)"), r.out());
        assertTrue(r.out().contains("would change: 3 (2 granted -> denied, 1 denied -> granted)"), r.out());
        // ftpd's first rule needs 10.0.0.3's name, which the log does not hold: not guessed.
        assertTrue(r.out().contains("undecided:    1"), r.out());
        assertTrue(r.out().contains("  2  " + dir.resolve("hosts.deny") + ":1 denied"), r.out());
        assertTrue(r.out().contains("  1  " + dir.resolve("hosts.allow") + ":1 granted"), r.out());
        assertTrue(r.out().contains("line 3: sshd from 10.0.0.2: denied by /old:1 -> granted by " + dir.resolve("hosts.allow") + ":1"),
                r.out());
    }

    @Test
    void connectionsFromOneAddressThatDifferInNameOrUserAreDecidedApart() throws Exception {
        Cli.Result r = replayed("sshd: mallory@b.example.org\nsshd: .example.com\n", "sshd: ALL\n",
                "x - daemon=sshd client=a.example.com address=10.0.0.1 verdict=denied facility=daemon",
                "x - daemon=sshd client=b.example.org address=10.0.0.1 verdict=denied facility=daemon",
                "x - daemon=sshd client=10.0.0.1 address=10.0.0.1 verdict=denied facility=daemon",
                "x - daemon=sshd client=mallory@a.example.com address=10.0.0.1 verdict=denied facility=daemon",
                "x - daemon=sshd client=mallory@b.example.org address=10.0.0.1 verdict=denied facility=daemon",
                "x - daemon=sshd client=a.example.com address=10.0.0.1 verdict=denied facility=daemon");
        assertTrue(r.out().contains("replayed 6 connections"), r.out());
        // a.example.com (twice, with and without a user) and mallory@b.example.org are granted now;
        // b.example.org without a user (rule 1 would need it) and the line without a name are undecided.
        assertTrue(r.out().contains("would change: 4 (0 granted -> denied, 4 denied -> granted)"), r.out());
        assertTrue(r.out().contains("undecided:    2"), r.out());
        assertTrue(r.out().contains("  3  " + dir.resolve("hosts.allow") + ":2 granted"), r.out());
        assertTrue(r.out().contains("  1  " + dir.resolve("hosts.allow") + ":1 granted"), r.out());
    }

    @Test
    void aMissingLogIsAUsageErrorNamingIt() throws Exception {
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), "");
        Cli.Result r = Cli.run("tcpdmatch", "--replay", dir.resolve("nope.log").toString(), "-d", "--allow",
                dir.resolve("hosts.allow").toString(), "--deny", dir.resolve("hosts.deny").toString());
        assertEquals(2, r.status());
        assertTrue(r.firstErrLine().startsWith("tcpdmatch: cannot read " + dir.resolve("nope.log")), r.err());
        assertEquals(2, Cli.run("tcpdmatch", "--replay", "x.log", "sshd", "10.0.0.1").status(), "no daemon or client with --replay");
        assertEquals(2, Cli.run("tcpdmatch", "sshd").status(), "a client is still needed without --replay");
    }
}
