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
        if (meta.isEmpty()) {
            return entry(member, expires, "redis", "");
        }
        String m = meta.get();
        if (m.length() > MAX_META) {
            throw new IllegalArgumentException("meta of " + member + " longer than " + MAX_META);
        }
        int tab = m.indexOf('\t');
        return entry(member, expires, tab < 0 ? m : m.substring(0, tab), tab < 0 ? "" : m.substring(tab + 1));
    }

    /** The entry a member, its expiry and its meta's two parts stand for; refused when not canonical or too long. */
    static ListEntry entry(String member, Instant expires, String origin, String reason) {
        Network network = Network.parse(member);
        if (!network.toString().equals(member)) {
            throw new IllegalArgumentException("\"" + member + "\" is not in canonical form (" + network + ")");
        }
        if (origin.length() + 1 + reason.length() > MAX_META) {
            throw new IllegalArgumentException("meta of " + member + " longer than " + MAX_META);
        }
        return new ListEntry(network, expires, origin, reason);
    }

    /**
     * Reads change lines where they lie in a message: a line's fields are found by its tabs, and
     * only its member, and an origin or reason unlike the line before's, become strings. A storm's
     * lines mostly repeat one origin and reason, so each costs a few objects rather than the
     * dozen that splitting it would (issue 22's storm: the readers' collections follow this).
     * One reader serves one drain, on one thread.
     */
    static final class ChangeReader {
        /** Where a line's first six tabs are; a line with more is no change. */
        private final int[] tabs = new int[6];
        private int fields;
        private long version;
        private String text = "";
        private int start;
        private int end;
        private String origin = "redis";
        private String reason = "";

        /**
         * Reads the line of {@code text} from {@code start} to {@code end} (exclusive, no newline).
         *
         * @return whether it is a change line: a version, then {@code ban} with four fields or
         *         {@code unban} with one (what it holds is checked when it is read)
         */
        boolean read(String text, int start, int end) {
            this.text = text;
            this.start = start;
            this.end = end;
            fields = 1;
            version = -1;
            if (end - start > MAX_LINE) {
                return false;
            }
            for (int i = text.indexOf('\t', start); i >= 0 && i < end; i = text.indexOf('\t', i + 1)) {
                if (fields > tabs.length) {
                    return false;
                }
                tabs[fields++ - 1] = i;
            }
            if (fields >= 3) {
                try {
                    version = Long.parseLong(text, start, tabs[0], 10);
                } catch (NumberFormatException e) {
                    version = -1;
                }
            }
            return version >= 0 && (isBan() && fields == 6 || isUnban() && fields == 3);
        }

        /** {@return the version of the line read last, or -1 when it has none} */
        long version() {
            return version;
        }

        boolean isBan() {
            return fields >= 2 && fieldIs(1, "ban");
        }

        private boolean isUnban() {
            return fields >= 2 && fieldIs(1, "unban");
        }

        private boolean fieldIs(int i, String word) {
            return to(i) - from(i) == word.length() && text.regionMatches(from(i), word, 0, word.length());
        }

        /** {@return the member, as its text stands} */
        String member() {
            return field(2);
        }

        /** {@return the entry the line bans} (a ban line only) */
        ListEntry entry() {
            String o = fieldLike(4, origin);
            String r = fieldLike(5, reason);
            origin = o;
            reason = r;
            return RedisLayout.entry(member(), expiry(score()), o, r);
        }

        /** {@return the line, fit for a log line} */
        String printable() {
            return RedisLayout.printable(text.substring(start, Math.min(end, start + 81))); // 81: printable marks a cut
        }

        private double score() {
            int from = tabs[2] + 1;
            int to = tabs[3];
            boolean digits = to > from && to - from <= 18;
            for (int i = from; digits && i < to; i++) {
                digits = text.charAt(i) >= '0' && text.charAt(i) <= '9';
            }
            if (digits) {
                return Long.parseLong(text, from, to, 10); // exact, as parseDouble would round it, with no garbage
            }
            String score = text.substring(from, to);
            if (score.equals("+inf") || score.equals("inf")) {
                return Double.POSITIVE_INFINITY;
            }
            try {
                return Double.parseDouble(score);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad expiry \"" + RedisLayout.printable(score) + "\"");
            }
        }

        /** Field {@code i} (from 0): the line's own text. */
        private String field(int i) {
            return text.substring(from(i), to(i));
        }

        /** Field {@code i}, or {@code same} when it holds the same text, so a repeated field costs no string. */
        private String fieldLike(int i, String same) {
            int from = from(i);
            int length = to(i) - from;
            return length == same.length() && text.regionMatches(from, same, 0, length) ? same : text.substring(from, from + length);
        }

        private int from(int i) {
            return i == 0 ? start : tabs[i - 1] + 1;
        }

        private int to(int i) {
            return i == fields - 1 ? end : tabs[i];
        }
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
