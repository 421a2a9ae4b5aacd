/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.lists;

import io.github.tcpwrappers.value.ListEntry;
import io.github.tcpwrappers.value.Network;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable set of networks with expiries, as flat primitive arrays: one open-addressing
 * hash table (linear probing, at most 75 % full) keyed by (masked 128-bit address, prefix
 * length), and a bit set of the prefix lengths present. A lookup probes once per present length,
 * longest first, so its cost depends on how many lengths the list uses (a ban list: one or two),
 * not on how many entries it holds, and it allocates nothing. About 40 bytes per entry; origins
 * and reasons are kept once per distinct pair.
 *
 * <p>A slot may hold a tombstone: in an overlay (see {@link LiveList}) it hides the same network
 * of the base table.
 */
final class AddressTable {
    /** {@link #meta} of a tombstone. */
    static final int TOMBSTONE = -1;
    static final long NEVER = Long.MAX_VALUE;
    static final AddressTable EMPTY = new Builder().build();

    /** The origin and reason of entries, kept once. */
    record Meta(String origin, String reason) {
    }

    private final long[] hi;
    private final long[] lo;
    private final long[] expires;
    /** Meta index + 1; 0 marks a free slot, {@link #TOMBSTONE} a removal. */
    private final int[] meta;
    private final byte[] prefix;
    private final Meta[] metas;
    /** Present prefix lengths 0..128 as bits of three words. */
    final long lengths0;
    final long lengths1;
    final long lengths2;
    private final int size;
    private final int tombstones;
    /** Slots of entries that expire, by expiry. */
    private final int[] byExpiry;

    private AddressTable(long[] hi, long[] lo, long[] expires, int[] meta, byte[] prefix, Meta[] metas,
            long[] lengths, int size, int tombstones, int[] byExpiry) {
        this.hi = hi;
        this.lo = lo;
        this.expires = expires;
        this.meta = meta;
        this.prefix = prefix;
        this.metas = metas;
        this.lengths0 = lengths[0];
        this.lengths1 = lengths[1];
        this.lengths2 = lengths[2];
        this.size = size;
        this.tombstones = tombstones;
        this.byExpiry = byExpiry;
    }

    /** Entries and tombstones held. */
    int size() {
        return size;
    }

    int tombstones() {
        return tombstones;
    }

    private static int slot(long hi, long lo, int prefix, int capacity) {
        long h = (hi * 0x9E3779B97F4A7C15L) ^ lo ^ ((long) prefix << 56);
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        return (int) (((h >>> 32) * capacity) >>> 32);
    }

    /** The slot holding exactly this (masked) network, or -1. */
    int find(long h, long l, int p) {
        if (size == 0) {
            return -1; // the overlays are empty most of the time: no hash to compute
        }
        int capacity = meta.length;
        int s = slot(h, l, p, capacity);
        while (true) {
            int m = meta[s];
            if (m == 0) {
                return -1;
            }
            if (hi[s] == h && lo[s] == l && prefix[s] == (byte) p) {
                return s;
            }
            s = s + 1 == capacity ? 0 : s + 1;
        }
    }

    boolean isTombstone(int slot) {
        return meta[slot] == TOMBSTONE;
    }

    boolean liveAt(int slot, long nowMillis) {
        return meta[slot] > 0 && expires[slot] > nowMillis;
    }

    long expiresAt(int slot) {
        return expires[slot];
    }

    long hiAt(int slot) {
        return hi[slot];
    }

    long loAt(int slot) {
        return lo[slot];
    }

    int prefixAt(int slot) {
        return prefix[slot] & 0xFF;
    }

    /** The entry in a slot, as sources gave it. */
    ListEntry entry(int slot) {
        Meta m = metas[meta[slot] - 1];
        return new ListEntry(network(slot), instant(expires[slot]), m.origin(), m.reason());
    }

    Network network(int slot) {
        return Addresses.network(hi[slot], lo[slot], prefix[slot] & 0xFF);
    }

    static Instant instant(long millis) {
        return millis == NEVER ? ListEntry.NEVER : Instant.ofEpochMilli(millis);
    }

    static long millis(Instant instant) {
        if (instant.equals(ListEntry.NEVER)) {
            return NEVER;
        }
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException far) {
            return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : NEVER;
        }
    }

    /** Slots whose expiry is in (after, upTo], for the sweep that tells doors about expiries. */
    void expiredBetween(long after, long upTo, List<Network> into, int limit) {
        int from = firstExpiringAfter(after);
        for (int i = from; i < byExpiry.length && expires[byExpiry[i]] <= upTo && into.size() < limit; i++) {
            into.add(network(byExpiry[i]));
        }
    }

    /** The earliest expiry after {@code after}, or {@link #NEVER}. */
    long nextExpiryAfter(long after) {
        int i = firstExpiringAfter(after);
        return i < byExpiry.length ? expires[byExpiry[i]] : NEVER;
    }

    private int firstExpiringAfter(long after) {
        int low = 0;
        int high = byExpiry.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (expires[byExpiry[mid]] <= after) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /**
     * This table with {@code changes} put in, a later one replacing an earlier of the same
     * network. When they fit at three quarters full the arrays are copied and the changes
     * inserted into the copy, and the expiry index is merged rather than sorted again: a delta
     * costs a copy of the arrays and the work of its own entries, not a rebuild of the table.
     * Otherwise the table is rebuilt with room for {@code room} entries, or twice what it holds
     * if that is more, so the next deltas fit.
     */
    AddressTable with(Builder changes, int room) {
        int needed = size + changes.count;
        int capacity = meta.length;
        // the fill build() allows: at least one slot stays free, so a probe always ends
        if (needed + needed / 3 + 1 > capacity) {
            Builder all = new Builder(needed);
            // the same meta indices: slots are copied as they are, without looking their texts up again
            all.metas.addAll(Arrays.asList(metas));
            for (int s = 0; s < capacity; s++) {
                if (meta[s] != 0) {
                    all.put(hi[s], lo[s], prefix[s] & 0xFF, expires[s], meta[s]);
                }
            }
            changes.copyAllTo(all);
            int roomy = Math.max(room, 2 * needed);
            return all.build(roomy + roomy / 3 + 1);
        }
        long[] th = hi.clone();
        long[] tl = lo.clone();
        long[] te = expires.clone();
        int[] tm = meta.clone();
        byte[] tp = prefix.clone();
        Meta[] combined = Arrays.copyOf(metas, metas.length + changes.metas.size());
        for (int i = 0; i < changes.metas.size(); i++) {
            combined[metas.length + i] = changes.metas.get(i);
        }
        long[] lengths = {lengths0, lengths1, lengths2};
        int newSize = size;
        int tombs = tombstones;
        boolean[] touched = new boolean[capacity];
        int[] touchedSlots = new int[changes.count];
        int touchedCount = 0;
        for (int i = 0; i < changes.count; i++) {
            long h = changes.hi[i];
            long l = changes.lo[i];
            byte p = changes.prefix[i];
            int s = slot(h, l, p & 0xFF, capacity);
            while (tm[s] != 0 && !(th[s] == h && tl[s] == l && tp[s] == p)) {
                s = s + 1 == capacity ? 0 : s + 1;
            }
            if (tm[s] == 0) {
                newSize++;
            } else if (tm[s] == TOMBSTONE) {
                tombs--;
            }
            int m = changes.meta[i];
            th[s] = h;
            tl[s] = l;
            tp[s] = p;
            te[s] = changes.expires[i];
            tm[s] = m == TOMBSTONE ? TOMBSTONE : metas.length + m;
            tombs += m == TOMBSTONE ? 1 : 0;
            lengths[(p & 0xFF) >>> 6] |= 1L << ((p & 0xFF) & 63);
            if (!touched[s]) {
                touched[s] = true;
                touchedSlots[touchedCount++] = s;
            }
        }
        // The expiry index: the untouched slots keep their order; the touched ones are sorted and merged in.
        int[] fresh = new int[touchedCount];
        int freshCount = 0;
        for (int i = 0; i < touchedCount; i++) {
            int s = touchedSlots[i];
            if (tm[s] > 0 && te[s] != NEVER) {
                fresh[freshCount++] = s;
            }
        }
        fresh = Arrays.copyOf(fresh, freshCount);
        Builder.sortByExpiry(fresh, te);
        int[] order = new int[byExpiry.length + freshCount];
        int k = 0;
        int f = 0;
        for (int slot : byExpiry) {
            if (touched[slot]) {
                continue;
            }
            while (f < freshCount && te[fresh[f]] < te[slot]) {
                order[k++] = fresh[f++];
            }
            order[k++] = slot;
        }
        while (f < freshCount) {
            order[k++] = fresh[f++];
        }
        return new AddressTable(th, tl, te, tm, tp, combined, lengths, newSize, tombs, Arrays.copyOf(order, k));
    }

    /** Visits every slot in use (entries and tombstones). */
    void forEach(SlotVisitor visitor) {
        for (int s = 0; s < meta.length; s++) {
            if (meta[s] != 0) {
                visitor.visit(this, s);
            }
        }
    }

    @FunctionalInterface
    interface SlotVisitor {
        void visit(AddressTable table, int slot);
    }

    /** Copies a slot (entry or tombstone) into a builder. */
    void copyTo(int slot, Builder into) {
        if (meta[slot] == TOMBSTONE) {
            into.tombstone(hi[slot], lo[slot], prefix[slot] & 0xFF);
        } else {
            Meta m = metas[meta[slot] - 1];
            into.add(hi[slot], lo[slot], prefix[slot] & 0xFF, expires[slot], m.origin(), m.reason());
        }
    }

    /**
     * Collects entries, then builds the table. A later entry for the same network replaces an
     * earlier one. Not thread-safe.
     */
    static final class Builder {
        private long[] hi;
        private long[] lo;
        private long[] expires;
        private int[] meta;
        private byte[] prefix;
        private int count;
        // origin -> reason -> meta index: a hit allocates nothing (a million entries share a few pairs)
        private final Map<String, Map<String, Integer>> metaIndex = new HashMap<>();
        private final List<Meta> metas = new ArrayList<>();
        private String lastOrigin;
        private String lastReason;
        private int lastIndex;

        Builder() {
            this(16);
        }

        /** A builder sized for {@code expected} entries, so a snapshot never regrows its arrays. */
        Builder(int expected) {
            int capacity = Math.max(16, expected);
            hi = new long[capacity];
            lo = new long[capacity];
            expires = new long[capacity];
            meta = new int[capacity];
            prefix = new byte[capacity];
        }

        Builder add(ListEntry entry) {
            Network n = entry.network();
            byte[] raw = n.address().getAddress();
            long h = Addresses.hi(raw);
            long l = Addresses.lo(raw);
            return add(h, l, raw.length == 4 ? 96 + n.prefix() : n.prefix(), millis(entry.expires()), entry.origin(),
                    entry.reason());
        }

        Builder add(long h, long l, int p, long expiry, String origin, String reason) {
            // Lists repeat a few origins and reasons: the last pair is checked before the map.
            int index;
            if (origin.equals(lastOrigin) && reason.equals(lastReason)) {
                index = lastIndex;
            } else {
                Map<String, Integer> reasons = metaIndex.computeIfAbsent(origin, o -> new HashMap<>());
                Integer known = reasons.get(reason);
                if (known == null) {
                    known = metas.size();
                    metas.add(new Meta(origin, reason));
                    reasons.put(reason, known);
                }
                index = known;
                lastOrigin = origin;
                lastReason = reason;
                lastIndex = index;
            }
            return put(h, l, p, expiry, index + 1);
        }

        Builder tombstone(Network n) {
            return tombstone(Addresses.hi(n), Addresses.lo(n), Addresses.prefix(n));
        }

        Builder tombstone(long h, long l, int p) {
            return put(h, l, p, NEVER, TOMBSTONE);
        }

        private Builder put(long h, long l, int p, long expiry, int m) {
            if (count == meta.length) {
                int grown = count * 2;
                hi = Arrays.copyOf(hi, grown);
                lo = Arrays.copyOf(lo, grown);
                expires = Arrays.copyOf(expires, grown);
                meta = Arrays.copyOf(meta, grown);
                prefix = Arrays.copyOf(prefix, grown);
            }
            hi[count] = h & Addresses.maskHi(p);
            lo[count] = l & Addresses.maskLo(p);
            expires[count] = expiry;
            meta[count] = m;
            prefix[count] = (byte) p;
            count++;
            return this;
        }

        int count() {
            return count;
        }

        /** Adds what this builder holds to {@code into}, in order. */
        void copyAllTo(Builder into) {
            for (int i = 0; i < count; i++) {
                if (meta[i] == TOMBSTONE) {
                    into.tombstone(hi[i], lo[i], prefix[i] & 0xFF);
                } else {
                    Meta m = metas.get(meta[i] - 1);
                    into.add(hi[i], lo[i], prefix[i] & 0xFF, expires[i], m.origin(), m.reason());
                }
            }
        }

        AddressTable build() {
            return build(count + count / 3 + 1);
        }

        /** The table in {@code capacity} slots at least (at most three quarters full). */
        AddressTable build(int capacity) {
            capacity = Math.max(Math.max(1, capacity), count + count / 3 + 1);
            long[] th = new long[capacity];
            long[] tl = new long[capacity];
            long[] te = new long[capacity];
            int[] tm = new int[capacity];
            byte[] tp = new byte[capacity];
            long[] lengths = new long[3];
            int size = 0;
            int tombs = 0;
            int expiring = 0;
            for (int i = 0; i < count; i++) {
                int p = prefix[i] & 0xFF;
                int s = slot(hi[i], lo[i], p, capacity);
                while (tm[s] != 0 && !(th[s] == hi[i] && tl[s] == lo[i] && tp[s] == prefix[i])) {
                    s = s + 1 == capacity ? 0 : s + 1;
                }
                if (tm[s] == 0) {
                    size++;
                } else {
                    // Replaced: undo what the earlier one counted.
                    tombs -= tm[s] == TOMBSTONE ? 1 : 0;
                    expiring -= tm[s] > 0 && te[s] != NEVER ? 1 : 0;
                }
                th[s] = hi[i];
                tl[s] = lo[i];
                te[s] = expires[i];
                tm[s] = meta[i];
                tp[s] = prefix[i];
                tombs += meta[i] == TOMBSTONE ? 1 : 0;
                expiring += meta[i] > 0 && expires[i] != NEVER ? 1 : 0;
                lengths[p >>> 6] |= 1L << (p & 63);
            }
            int[] order = new int[expiring];
            int k = 0;
            for (int s = 0; s < capacity; s++) {
                if (tm[s] > 0 && te[s] != NEVER) {
                    order[k++] = s;
                }
            }
            sortByExpiry(order, te);
            return new AddressTable(th, tl, te, tm, tp, metas.toArray(new Meta[0]), lengths, size, tombs, order);
        }

        /**
         * Sorts slots by expiry: an LSD radix sort on the expiry less the earliest, 11 bits a
         * pass (three passes for a day of milliseconds), with no boxing and no comparisons.
         */
        private static void sortByExpiry(int[] slots, long[] expiry) {
            int n = slots.length;
            if (n < 2) {
                return;
            }
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int slot : slots) {
                min = Math.min(min, expiry[slot]);
                max = Math.max(max, expiry[slot]);
            }
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) {
                keys[i] = expiry[slots[i]] - min; // exact as an unsigned number, and the passes shift unsigned
            }
            int bits = 64 - Long.numberOfLeadingZeros(max - min);
            long[] keysTo = new long[n];
            int[] slotsTo = new int[n];
            int[] counts = new int[RADIX];
            long[] k = keys;
            int[] v = slots;
            for (int shift = 0; shift < bits; shift += RADIX_BITS) {
                Arrays.fill(counts, 0);
                for (int i = 0; i < n; i++) {
                    counts[(int) (k[i] >>> shift) & (RADIX - 1)]++;
                }
                int sum = 0;
                for (int d = 0; d < RADIX; d++) {
                    int c = counts[d];
                    counts[d] = sum;
                    sum += c;
                }
                for (int i = 0; i < n; i++) {
                    int at = counts[(int) (k[i] >>> shift) & (RADIX - 1)]++;
                    keysTo[at] = k[i];
                    slotsTo[at] = v[i];
                }
                long[] kt = k;
                k = keysTo;
                keysTo = kt;
                int[] vt = v;
                v = slotsTo;
                slotsTo = vt;
            }
            if (v != slots) {
                System.arraycopy(v, 0, slots, 0, n);
            }
        }

        private static final int RADIX_BITS = 11;
        private static final int RADIX = 1 << RADIX_BITS;
    }
}
