/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.value.ListEntry;
import io.github.tcpwrappers.value.Network;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The change lines of the documented layout ({@code VERSION<TAB>ban<TAB>MEMBER<TAB>EXPIRY<TAB>ORIGIN<TAB>REASON}
 * or {@code VERSION<TAB>unban<TAB>MEMBER}) as a reader takes them: what is a change, and what
 * makes it read the whole list instead. {@code \t} in the table stands for a tab.
 */
class ChangeLineTest {
    private static boolean read(RedisLayout.ChangeReader reader, String line) {
        String text = "junk before\n" + line + "\njunk after"; // a line is read where it lies in its message
        int start = "junk before\n".length();
        return reader.read(text, start, start + line.length());
    }

    /** The version is asked only of a change. */
    @ParameterizedTest(name = "[{index}] {0} -> change {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            7\\tban\\t203.0.113.7\\t1796000000000\\tfail2ban\\tsshd | true  | 7
            7\\tban\\t203.0.113.7\\t+inf\\tfail2ban\\t               | true  | 7
            7\\tban\\t2001:db8::/32\\t1.796e12\\to\\tr               | true  | 7
            12\\tunban\\t198.51.100.0/24                             | true  | 12
            +3\\tunban\\t198.51.100.0/24                             | true  | 3
            0\\tunban\\t198.51.100.0/24                              | true  | 0
            -1\\tunban\\t198.51.100.0/24                             | false | -1
            x\\tunban\\t198.51.100.0/24                              | false | -1
            7\\tban\\t203.0.113.7\\t1796000000000\\tfail2ban         | false | 7
            7\\tban\\t203.0.113.7\\t1796000000000\\to\\tr\\textra    | false | -1
            7\\tunban\\t198.51.100.0/24\\t                           | false | 7
            7\\tBAN\\t203.0.113.7\\t1796000000000\\to\\tr            | false | 7
            7\\tunban                                                | false | -1
            resync                                                   | false | -1
            ""                                                       | false | -1
            """)
    void aLineIsAChangeOnlyInTheDocumentedShape(String table, boolean change, long version) {
        String line = table.replace("\\t", "\t");
        RedisLayout.ChangeReader reader = new RedisLayout.ChangeReader();
        assertEquals(change, read(reader, line), line);
        if (change) {
            assertEquals(version, reader.version());
        }
    }

    @Test
    void aBanLineGivesItsEntryWithItsExpiryOriginAndReason() {
        RedisLayout.ChangeReader reader = new RedisLayout.ChangeReader();
        assertTrue(read(reader, "7\tban\t198.51.100.0/24\t1796000000000\tfail2ban@web-4\tsshd brute force"));
        assertTrue(reader.isBan());
        ListEntry e = reader.entry();
        assertEquals(Network.parse("198.51.100.0/24"), e.network());
        assertEquals(Instant.ofEpochMilli(1_796_000_000_000L), e.expires());
        assertEquals("fail2ban@web-4", e.origin());
        assertEquals("sshd brute force", e.reason());
        assertTrue(read(reader, "8\tban\t203.0.113.7\t+inf\to\t"));
        assertEquals(ListEntry.NEVER, reader.entry().expires());
        assertTrue(read(reader, "9\tban\t203.0.113.7\t1.796e12\to\tr"));
        assertEquals(Instant.ofEpochMilli(1_796_000_000_000L), reader.entry().expires(), "a score Redis wrote as a float");
    }

    @Test
    void theOriginAndReasonOfTheLineBeforeAreReusedNotCopied() {
        RedisLayout.ChangeReader reader = new RedisLayout.ChangeReader();
        read(reader, "1\tban\t203.0.113.7\t1796000000000\tfail2ban\tsshd");
        ListEntry first = reader.entry();
        read(reader, "2\tban\t203.0.113.8\t1796000000000\tfail2ban\tsshd");
        ListEntry second = reader.entry();
        assertSame(first.origin(), second.origin());
        assertSame(first.reason(), second.reason());
        read(reader, "3\tban\t203.0.113.9\t1796000000000\tfail2ban\tpostfix");
        assertEquals("postfix", reader.entry().reason());
    }

    @Test
    void aBanLineWithABadMemberOrExpiryIsReadButItsEntryIsRefused() {
        RedisLayout.ChangeReader reader = new RedisLayout.ChangeReader();
        assertTrue(read(reader, "1\tban\t2001:0db8::1\t1796000000000\to\tr"));
        assertTrue(assertThrows(IllegalArgumentException.class, reader::entry).getMessage().contains("canonical"));
        assertTrue(read(reader, "2\tban\t203.0.113.7\tsoon\to\tr"));
        assertTrue(assertThrows(IllegalArgumentException.class, reader::entry).getMessage().contains("bad expiry"));
        assertTrue(read(reader, "3\tban\tnot-an-address\t1796000000000\to\tr"));
        assertThrows(IllegalArgumentException.class, reader::entry);
    }

    @Test
    void aLineLongerThanTheLimitIsNoChange() {
        RedisLayout.ChangeReader reader = new RedisLayout.ChangeReader();
        String reason = "r".repeat(RedisLayout.MAX_LINE);
        assertFalse(read(reader, "1\tban\t203.0.113.7\t1796000000000\to\t" + reason));
        String logged = reader.printable();
        assertTrue(logged.startsWith("1\\u0009ban\\u0009203.0.113.7") && logged.endsWith("..."), logged);
    }
}
