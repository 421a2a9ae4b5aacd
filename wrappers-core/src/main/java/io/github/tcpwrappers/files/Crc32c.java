/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.files;

/**
 * CRC-32C (Castagnoli, as {@link java.util.zip.CRC32C} computes it) continued from a finished
 * value: {@code extend(crc(a), b)} is {@code crc(a + b)}. The JDK's class cannot start from a
 * value, and an append must not read the old bytes twice (once to check them, once to digest
 * the new prefix), so the few new bytes are digested here, from the kept value.
 */
final class Crc32c {
    private static final int[] TABLE = table();

    private Crc32c() {
    }

    private static int[] table() {
        int[] t = new int[256];
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ 0x82F63B78 : c >>> 1;
            }
            t[n] = c;
        }
        return t;
    }

    /** The CRC-32C of the bytes digested into {@code crc} followed by {@code bytes[from, to)}. */
    static long extend(long crc, byte[] bytes, int from, int to) {
        int c = ~(int) crc;
        for (int i = from; i < to; i++) {
            c = TABLE[(c ^ bytes[i]) & 0xFF] ^ (c >>> 8);
        }
        return ~c & 0xFFFF_FFFFL;
    }
}
