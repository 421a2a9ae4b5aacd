/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.language;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.RandomAccess;
import java.util.Set;

/**
 * A table's entries held compactly: the list {@link RuleTable#entries()} returns. Lines of a
 * compact {@link Shape} (a blocklist's {@code sshd: a.b.c.d}) are kept as primitives (line
 * number, where the line starts in the file's bytes, the shape) with their addresses in an
 * {@link Ipv4Index}; every other entry is kept as its parsed object. {@link #get} rebuilds a
 * compact line's {@link Rule} from the bytes on demand, equal to what a full parse gives, so
 * callers that look at rules see no difference; deciding never needs to.
 *
 * <p>The entries are one or more {@link Segment}s in file order: a load makes one, and every
 * append adds one for the new lines, sharing the older segments. Neighbouring segments are
 * merged when the newer one is at least as large (a binary counter), so a table keeps
 * logarithmically many segments and each line is copied a logarithmic number of times.
 */
public final class TableEntries extends AbstractList<RuleTable.Entry> implements RandomAccess {
    private final List<Segment> segments;
    private final int size;
    private final int ruleCount;
    private final Shapes shapes;
    private final int lineCount;
    private final long consumed;
    private final boolean truncated;

    private TableEntries(List<Segment> segments, Shapes shapes, int lineCount, long consumed, boolean truncated) {
        this.segments = List.copyOf(segments);
        int n = 0;
        int rules = 0;
        for (Segment s : segments) {
            n += s.size;
            rules += s.rules;
        }
        this.size = n;
        this.ruleCount = rules;
        this.shapes = shapes;
        this.lineCount = lineCount;
        this.consumed = consumed;
        this.truncated = truncated;
    }

    /** Entries made elsewhere (a test, a hand-built table), held as they are. */
    static TableEntries of(List<RuleTable.Entry> entries) {
        Segment only = Segment.generic(entries);
        boolean truncated = !entries.isEmpty() && entries.get(entries.size() - 1) instanceof RuleTable.Truncated;
        return new TableEntries(List.of(only), Shapes.none(), 0, 0, truncated);
    }

    static TableEntries parsed(Segment segment, Shapes shapes, int lineCount, long consumed, boolean truncated) {
        return new TableEntries(List.of(segment), shapes, lineCount, consumed, truncated);
    }

    /** These entries followed by an appended segment, merging segments as the class comment says. */
    TableEntries with(Segment appended, Shapes grown, int newLineCount, long newConsumed) {
        List<Segment> all = new ArrayList<>(segments);
        if (appended.size == 0) {
            return new TableEntries(all, grown, newLineCount, newConsumed, false);
        }
        all.add(appended);
        while (all.size() >= 2 && all.get(all.size() - 1).size >= all.get(all.size() - 2).size) {
            Segment last = all.remove(all.size() - 1);
            Segment before = all.remove(all.size() - 1);
            all.add(Segment.merge(before, last));
        }
        return new TableEntries(all, grown, newLineCount, newConsumed, false);
    }

    /** The segments, in file order. */
    public List<Segment> segments() {
        return segments;
    }

    /** How many of the entries are rules. */
    public int ruleCount() {
        return ruleCount;
    }

    /** The shapes lines were parsed with; appends reuse them. */
    Shapes shapes() {
        return shapes;
    }

    /** libwrap's line counter after the last whole line. */
    int lineCount() {
        return lineCount;
    }

    /** Bytes up to the end of the last whole line: where an append's new lines start. */
    public long consumed() {
        return consumed;
    }

    /** Whether the table ended in a line without its newline (or one too long). */
    public boolean truncated() {
        return truncated;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public RuleTable.Entry get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        for (Segment s : segments) {
            if (index < s.start + s.size) {
                return s.entry(index - s.start);
            }
        }
        throw new IndexOutOfBoundsException(index);
    }

    /**
     * The option lists of every rule from position {@code from} on, each shared list once: what
     * loading reads banner directories for, without rebuilding every compact rule.
     */
    public List<List<OptionStep>> optionLists(int from) {
        List<List<OptionStep>> lists = new ArrayList<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Segment s : segments) {
            for (int i = Math.max(0, from - s.start); i < s.size; i++) {
                int kind = s.kinds[i];
                if (kind >= 0) {
                    Shape shape = s.shapes[kind];
                    if (shape.options().isPresent() && seen.add(shape)) {
                        lists.add(shape.options().get());
                    }
                } else if (s.generics[-1 - kind] instanceof RuleTable.RuleEntry r && r.rule().options().isPresent()) {
                    lists.add(r.rule().options().get());
                }
            }
        }
        return lists;
    }

    /**
     * A run of consecutive entries. Positions are global ({@link #start()} + local); the
     * accessors take local positions. Immutable.
     */
    public static final class Segment {
        final byte[] source;
        final int start;
        final int size;
        final int rules;
        final int[] lines;
        /** Where each entry's line starts in {@link #source}. */
        final int[] offsets;
        /** A shape index (a compact line) when >= 0, else -1 - the index in {@link #generics}. */
        final int[] kinds;
        final Shape[] shapes;
        final RuleTable.Entry[] generics;
        final Ipv4Index ipv4;

        Segment(byte[] source, int start, int size, int rules, int[] lines, int[] offsets, int[] kinds,
                Shape[] shapes, RuleTable.Entry[] generics, Ipv4Index ipv4) {
            this.source = source;
            this.start = start;
            this.size = size;
            this.rules = rules;
            this.lines = lines;
            this.offsets = offsets;
            this.kinds = kinds;
            this.shapes = shapes;
            this.generics = generics;
            this.ipv4 = ipv4;
        }

        static Segment generic(List<RuleTable.Entry> entries) {
            int n = entries.size();
            int[] lines = new int[n];
            int[] kinds = new int[n];
            int rules = 0;
            for (int i = 0; i < n; i++) {
                lines[i] = entries.get(i).line();
                kinds[i] = -1 - i;
                if (entries.get(i) instanceof RuleTable.RuleEntry) {
                    rules++;
                }
            }
            return new Segment(new byte[0], 0, n, rules, lines, new int[n], kinds, new Shape[0],
                    entries.toArray(new RuleTable.Entry[0]), Ipv4Index.of(new int[0], new int[0], 0, n));
        }

        /** Two neighbouring segments as one: arrays joined, the address index built anew. */
        static Segment merge(Segment a, Segment b) {
            int n = a.size + b.size;
            byte[] source = Arrays.copyOf(a.source, a.source.length + b.source.length);
            System.arraycopy(b.source, 0, source, a.source.length, b.source.length);
            int[] lines = Arrays.copyOf(a.lines, n);
            System.arraycopy(b.lines, 0, lines, a.size, b.size);
            int[] offsets = Arrays.copyOf(a.offsets, n);
            int[] kinds = Arrays.copyOf(a.kinds, n);
            RuleTable.Entry[] generics = Arrays.copyOf(a.generics, a.generics.length + b.generics.length);
            System.arraycopy(b.generics, 0, generics, a.generics.length, b.generics.length);
            // b's shapes array extends a's (appends only add shapes), so b's indices hold for both.
            Shape[] shapes = b.shapes.length >= a.shapes.length ? b.shapes : a.shapes;
            int[] addresses = new int[n];
            int[] positions = new int[n];
            int count = 0;
            for (int i = 0; i < n; i++) {
                Segment from = i < a.size ? a : b;
                int local = i < a.size ? i : i - a.size;
                if (i >= a.size) {
                    offsets[i] = b.offsets[local] + a.source.length;
                    int kind = b.kinds[local];
                    kinds[i] = kind >= 0 ? kind : kind - a.generics.length;
                }
                if (kinds[i] >= 0) {
                    addresses[count] = from.address(local);
                    positions[count++] = i;
                }
            }
            return new Segment(source, a.start, n, a.rules + b.rules, lines, offsets, kinds, shapes, generics,
                    Ipv4Index.of(addresses, positions, count, n));
        }

        /** The global position of the first entry. */
        public int start() {
            return start;
        }

        /** How many entries. */
        public int size() {
            return size;
        }

        /** libwrap's line number of an entry. */
        public int line(int local) {
            return lines[local];
        }

        /** Whether an entry is a compact line (a rule of one exact IPv4 address; see {@link Shape}). */
        public boolean compact(int local) {
            return kinds[local] >= 0;
        }

        /** The shape of a compact line. */
        public Shape shape(int local) {
            return shapes[kinds[local]];
        }

        /** The entry at a local position, rebuilt from the bytes for a compact line. */
        public RuleTable.Entry entry(int local) {
            int kind = kinds[local];
            if (kind < 0) {
                return generics[-1 - kind];
            }
            int from = offsets[local];
            int to = from;
            while (source[to] != '\n') {
                to++;
            }
            String text = new String(source, from, to - from, StandardCharsets.ISO_8859_1);
            return new RuleTable.RuleEntry(shapes[kind].rule(lines[local], text));
        }

        /** The first compact line (local position) naming this IPv4 address, or -1. */
        public int firstWith(int ipv4) {
            return this.ipv4.first(ipv4);
        }

        /** The next compact line after {@code local} naming the same address, or -1. */
        public int nextWithSame(int local) {
            return ipv4.next(local);
        }

        /** The IPv4 address of a compact line, read back from its bytes. */
        int address(int local) {
            int at = offsets[local] + shapes[kinds[local]].prefixLength();
            return (int) TableParser.canonicalIpv4(source, at, TableParser.addressEnd(source, at));
        }
    }
}
