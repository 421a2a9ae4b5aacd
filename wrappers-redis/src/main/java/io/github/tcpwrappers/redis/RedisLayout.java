/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.redis;

import io.github.tcpwrappers.value.ListEntry;
import io.github.tcpwrappers.value.Network;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a list lives in Redis and how its entries are written, so other tools can write to it
 * (see the module's README). For list {@code NAME}, all in one Cluster hash slot:
 * <ul>
 *   <li>{@code tcpwrappers:{NAME}:entries}: sorted set, member = the network's canonical text
 *       ({@code 203.0.113.7}, {@code 198.51.100.0/24}, {@code 2001:db8::/32} as
 *       {@link Network#toString()} writes it), score = expiry in epoch milliseconds
 *       ({@code +inf}: never). The truth.</li>
 *   <li>{@code tcpwrappers:{NAME}:meta}: hash, field = the same member, value =
 *       {@code ORIGIN<TAB>REASON} (optional: an entry without one reads as origin {@code redis}).</li>
 *   <li>{@code tcpwrappers:{NAME}:version}: integer, incremented by every write.</li>
 *   <li>channel {@code tcpwrappers:{NAME}:changes}: after every write, one line per change,
 *       {@code VERSION<TAB>ban<TAB>MEMBER<TAB>EXPIRY<TAB>ORIGIN<TAB>REASON} or
 *       {@code VERSION<TAB>unban<TAB>MEMBER}, the lines of one message joined by {@code \n} in
 *       version order; anything else (such as {@code resync}) makes every reader read the whole
 *       list again.</li>
 * </ul>
 */
final class RedisLayout {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** The longest meta value read (origin, tab, reason). */
    static final int MAX_META = 2 * ListEntry.MAX_TEXT + 1;
    /** The longest line of a change message read; a longer one is treated as "read it all again". */
    static final int MAX_LINE = 1024;
    /** The longest change message read; a longer one is treated as "read it all again". */
    static final int MAX_MESSAGE = 64 * 1024;
    /** The most changes one write carries (one script, one message). */
    static final int MAX_BATCH = 256;
    /** The most characters of change lines one write publishes, well inside {@link #MAX_MESSAGE}. */
    static final int MAX_BATCH_CHARS = 48 * 1024;

    final String name;
    final String entries;
    final String meta;
    final String version;
    final String channel;

    RedisLayout(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("list name must be 1-64 of A-Z a-z 0-9 . _ -: \"" + name + "\"");
        }
        this.name = name;
        String prefix = "tcpwrappers:{" + name + "}:";
        this.entries = prefix + "entries";
        this.meta = prefix + "meta";
        this.version = prefix + "version";
        this.channel = prefix + "changes";
    }

    /**
     * Any number of bans and unbans in order, then a bounded clean-up of lapsed entries, then one
     * message carrying a line per change: one atomic script. {@code ARGV}: the channel, the time
     * in epoch milliseconds, then four per change: {@code ban}, member, score, meta, or
     * {@code unban}, member, two empty strings. Returns the last version written.
     */
    static final String WRITE = """
            local n = (#ARGV - 2) / 4
            local v = redis.call('INCRBY', KEYS[3], n) - n
            local lines = {}
            for i = 3, #ARGV, 4 do
              v = v + 1
              local member = ARGV[i + 1]
              if ARGV[i] == 'ban' then
                redis.call('ZADD', KEYS[1], ARGV[i + 2], member)
                redis.call('HSET', KEYS[2], member, ARGV[i + 3])
                lines[#lines + 1] = v .. '\\tban\\t' .. member .. '\\t' .. ARGV[i + 2] .. '\\t' .. ARGV[i + 3]
              else
                redis.call('ZREM', KEYS[1], member)
                redis.call('HDEL', KEYS[2], member)
                lines[#lines + 1] = v .. '\\tunban\\t' .. member
              end
            end
            local old = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[2], 'LIMIT', 0, 100)
            if #old > 0 then
              redis.call('ZREM', KEYS[1], unpack(old))
              redis.call('HDEL', KEYS[2], unpack(old))
            end
            redis.call('PUBLISH', ARGV[1], table.concat(lines, '\\n'))
            return v
            """;

    static String score(Instant expires) {
        return expires.equals(ListEntry.NEVER) ? "+inf" : Long.toString(expires.toEpochMilli());
    }

    static Instant expiry(double score) {
        if (Double.isInfinite(score) && score > 0 || score >= 9.0e15) {
            return ListEntry.NEVER;
        }
        return Instant.ofEpochMilli((long) score);
    }

    static String meta(ListEntry entry) {
        return entry.origin() + "\t" + entry.reason();
    }

    /** The entry a member, score and meta value describe, or why not. */
    static ListEntry entry(String member, Instant expires, Optional<String> meta) {
        Network network = Network.parse(member);
        if (!network.toString().equals(member)) {
            throw new IllegalArgumentException("\"" + member + "\" is not in canonical form (" + network + ")");
        }
        String origin = "redis";
        String reason = "";
        if (meta.isPresent()) {
            String m = meta.get();
            if (m.length() > MAX_META) {
                throw new IllegalArgumentException("meta of " + member + " longer than " + MAX_META);
            }
            int tab = m.indexOf('\t');
            origin = tab < 0 ? m : m.substring(0, tab);
            reason = tab < 0 ? "" : m.substring(tab + 1);
        }
        return new ListEntry(network, expires, origin, reason);
    }

    /** Text fit for a log line: control characters escaped, at most 80 characters. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && i < 80; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || (c >= 0x2028 && c <= 0x202E)
                    || (c >= 0x2066 && c <= 0x2069)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return text.length() > 80 ? out + "..." : out.toString();
    }
}
