/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import io.github.tcpwrappers.value.ListEntry;
import io.github.tcpwrappers.value.Network;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/** Ban lists for the list benchmarks: distinct addresses, a few reasons, a day of expiries. */
final class ListEntries {
    private ListEntries() {
    }

    /** {@code n} distinct IPv4 addresses under 11.0.0.0/8 and up (never 10.0.0.1, the absent client). */
    static List<ListEntry> ipv4(int n, long seed) {
        return ipv4(0, n, seed);
    }

    /** The IPv4 entries {@code from} to {@code from + n - 1}. */
    static List<ListEntry> ipv4(int from, int n, long seed) {
        return entries(from, n, seed, 32, i -> {
            int a = 0x0B00_0000 + i * 7;
            return new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
        });
    }

    /** {@code n} distinct IPv6 /64 networks under 2001:db8::/32. */
    static List<ListEntry> ipv6(int n, long seed) {
        return ipv6(0, n, seed);
    }

    /** The IPv6 entries {@code from} to {@code from + n - 1}. */
    static List<ListEntry> ipv6(int from, int n, long seed) {
        return entries(from, n, seed, 64, i -> new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, (byte) (i >>> 24),
            (byte) (i >>> 16), (byte) (i >>> 8), (byte) i, 0, 0, 0, 0, 0, 0, 0, 0});
    }

    private static List<ListEntry> entries(int from, int n, long seed, int prefix,
            IntFunction<byte[]> address) {
        SplittableRandom random = new SplittableRandom(seed);
        Instant now = Instant.now();
        List<ListEntry> out = new ArrayList<>(n);
        for (int i = from; i < from + n; i++) {
            out.add(entry(address.apply(i), prefix, now, random));
        }
        return out;
    }

    /** The address of the {@code i}th IPv4 entry, as text. */
    static String ipv4Address(int i) {
        int a = 0x0B00_0000 + i * 7;
        return ((a >>> 24) & 0xFF) + "." + ((a >>> 16) & 0xFF) + "." + ((a >>> 8) & 0xFF) + "." + (a & 0xFF);
    }

    private static ListEntry entry(byte[] raw, int prefix, Instant now, SplittableRandom random) {
        try {
            return new ListEntry(new Network(InetAddress.getByAddress(raw), prefix),
                    now.plusSeconds(3600 + random.nextInt(86_400)), "crowdsec@lapi-" + random.nextInt(4),
                    REASONS[random.nextInt(REASONS.length)]);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static final String[] REASONS = {"ssh:bruteforce", "http:scan", "http:crawl", "smtp:spam"};
}
