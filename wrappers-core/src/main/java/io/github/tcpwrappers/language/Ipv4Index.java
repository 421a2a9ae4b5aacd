/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.language;

/**
 * IPv4 address to the first rule naming it, as two flat int arrays (open addressing, linear
 * probing, 75% full): about 11 bytes per address where a {@code HashMap<String, int[]>} spent
 * over 100. Later rules naming the same address are chained through {@code nextSame}, in file
 * order, so a lookup yields positions ascending. Immutable once built; lookups allocate nothing.
 */
final class Ipv4Index {
    private static final Ipv4Index EMPTY = new Ipv4Index(new int[1], new int[1], null);

    private final int[] keys;
    /** Local position + 1; 0 marks a free slot (so a fresh array needs no filling). */
    private final int[] values;
    /** Local position to the next one with the same address, + 1; null when no address repeats. */
    private final int[] nextSame;

    private Ipv4Index(int[] keys, int[] values, int[] nextSame) {
        this.keys = keys;
        this.values = values;
        this.nextSame = nextSame;
    }

    /**
     * Indexes {@code count} addresses; {@code addresses[i]} is at local position
     * {@code positions[i]}, positions ascending. {@code size} is the segment's entry count.
     */
    static Ipv4Index of(int[] addresses, int[] positions, int count, int size) {
        if (count == 0) {
            return EMPTY;
        }
        int capacity = count + count / 3 + 1;
        int[] keys = new int[capacity];
        int[] values = new int[capacity];
        int[] nextSame = null;
        int[] lastSame = null;
        for (int i = 0; i < count; i++) {
            int key = addresses[i];
            int slot = slot(key, capacity);
            while (values[slot] != 0 && keys[slot] != key) {
                slot = slot + 1 == capacity ? 0 : slot + 1;
            }
            if (values[slot] == 0) {
                keys[slot] = key;
                values[slot] = positions[i] + 1;
                continue;
            }
            // A repeated address (rare in a blocklist): chain it after the last one seen.
            if (nextSame == null) {
                nextSame = new int[size];
                lastSame = new int[size];
            }
            int head = values[slot] - 1;
            int tail = lastSame[head] == 0 ? head : lastSame[head] - 1;
            nextSame[tail] = positions[i] + 1;
            lastSame[head] = positions[i] + 1;
        }
        return new Ipv4Index(keys, values, nextSame);
    }

    private static int slot(int key, int capacity) {
        int h = key * 0x9E3779B9;
        h ^= h >>> 15;
        return (int) (((h & 0xFFFF_FFFFL) * capacity) >>> 32);
    }

    /** The first local position naming {@code address}, or -1. */
    int first(int address) {
        int capacity = keys.length;
        int slot = slot(address, capacity);
        while (true) {
            int v = values[slot];
            if (v == 0) {
                return -1;
            }
            if (keys[slot] == address) {
                return v - 1;
            }
            slot = slot + 1 == capacity ? 0 : slot + 1;
        }
    }

    /** The next local position after {@code position} naming the same address, or -1. */
    int next(int position) {
        return nextSame == null ? -1 : nextSame[position] - 1;
    }

    /** Whether no address is indexed. */
    boolean isEmpty() {
        return this == EMPTY;
    }
}
