/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.value;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of a shared list: a network, when it stops counting, who put it there and why.
 * Sources refuse an entry whose texts are too long or hold control characters (they reach logs
 * and terminals), so every entry in force is printable as it is.
 *
 * <pre>{@code
 * ListEntry ban = new ListEntry(Network.parse("203.0.113.7"), Instant.now().plusSeconds(3600),
 *         "web-3", "ssh brute force");
 * }</pre>
 *
 * @param network the address or network
 * @param expires when the entry stops counting ({@link #NEVER} for a permanent one)
 * @param origin who wrote it (a host, a tool, a CrowdSec machine), at most {@value #MAX_TEXT} characters
 * @param reason why, at most {@value #MAX_TEXT} characters
 */
public record ListEntry(Network network, Instant expires, String origin, String reason) {
    /** The expiry of an entry that never expires. */
    public static final Instant NEVER = Instant.MAX;
    /** The longest origin or reason, in characters. */
    public static final int MAX_TEXT = 256;

    /**
     * Checks that no component is null and that origin and reason are printable.
     *
     * @param network the address or network
     * @param expires when the entry stops counting ({@link #NEVER} for a permanent one)
     * @param origin who wrote it (a host, a tool, a CrowdSec machine), at most {@value #MAX_TEXT}
     *     characters
     * @param reason why, at most {@value #MAX_TEXT} characters
     */
    public ListEntry {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(expires, "expires");
        checkText(origin, "origin");
        checkText(reason, "reason");
    }

    private static final Pattern TTL = Pattern.compile("([0-9]{1,9})([smhd]?)");

    /**
     * A ban time as rules and tools write it: {@code 90} or {@code 90s} seconds, {@code 30m},
     * {@code 1h}, {@code 7d}.
     *
     * @param text the ban time
     * @return the duration
     * @throws IllegalArgumentException for anything else, or zero
     */
    public static Duration ttl(String text) {
        Matcher m = TTL.matcher(text);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException("bad ban time \"" + text + "\": write 90, 90s, 30m, 1h or 7d");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /**
     * {@return whether the entry still counts at {@code now}}
     *
     * @param now the time to judge by
     */
    public boolean liveAt(Instant now) {
        return expires.isAfter(now);
    }

    private static void checkText(String text, String what) {
        Objects.requireNonNull(text, what);
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException(what + " longer than " + MAX_TEXT + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || (c >= 0x2028 && c <= 0x202E)
                    || (c >= 0x2066 && c <= 0x2069)) {
                throw new IllegalArgumentException(what + " holds a control character (U+"
                        + String.format("%04X", (int) c) + ") at " + i);
            }
        }
    }
}
