/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.language;

import java.util.Arrays;

/**
 * The shapes a table's lines were found to have, by the hash of their bytes around the address.
 * Bounded: a file of unique lines (every one a different shape) stops adding shapes at
 * {@link #MAX}, and its later lines are parsed in full, as before. A parse owns one while it
 * runs; an append works on a copy, so the shapes of a published table never change, and a
 * copy keeps every index, so the segments of both stay valid.
 */
final class Shapes {
    static final int MAX = 4096;
    private static final int TABLE = 2 * MAX;

    private Shape[] shapes;
    private int count;
    /** Hash slot to shape index + 1; 0 is free. */
    private final int[] table;

    private Shapes(Shape[] shapes, int count, int[] table) {
        this.shapes = shapes;
        this.count = count;
        this.table = table;
    }

    static Shapes none() {
        return new Shapes(new Shape[0], 0, new int[TABLE]);
    }

    /** A copy to grow. */
    Shapes copy() {
        return new Shapes(Arrays.copyOf(shapes, count), count, table.clone());
    }

    /** The shapes so far, by index (a prefix of every later copy's array). */
    Shape[] array() {
        if (shapes.length != count) {
            shapes = Arrays.copyOf(shapes, count);
        }
        return shapes;
    }

    /** The index of the shape of these line bytes, or -1 when it is not known yet. */
    int find(int hash, byte[] data, int lineStart, int addressStart, int addressEnd, int lineEnd) {
        int slot = hash & (TABLE - 1);
        while (true) {
            int v = table[slot];
            if (v == 0) {
                return -1;
            }
            Shape s = shapes[v - 1];
            if (s.hash() == hash && s.matches(data, lineStart, addressStart, addressEnd, lineEnd)) {
                return v - 1;
            }
            slot = (slot + 1) & (TABLE - 1);
        }
    }

    /** Adds a shape; returns its index, or -1 when the table is full. */
    int add(Shape shape) {
        if (count == MAX) {
            return -1;
        }
        int slot = shape.hash() & (TABLE - 1);
        while (table[slot] != 0) {
            slot = (slot + 1) & (TABLE - 1);
        }
        if (count == shapes.length) {
            shapes = Arrays.copyOf(shapes, Math.max(16, count * 2));
        }
        shapes[count] = shape;
        table[slot] = ++count;
        return count - 1;
    }
}
