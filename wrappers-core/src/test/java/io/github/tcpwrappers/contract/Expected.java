/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.contract;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What libwrap's answer means for any door, before the door maps it to its protocol
 * ({@link Door#present}).
 *
 * @param granted hosts_access granted the client
 * @param banner the banner bytes libwrap wrote (as UTF-8 text), if any
 * @param twist the output of the twist command libwrap expanded (its stdout, run by
 *     {@link Shell} with the door's input), if the rule twists
 * @param keepalive the rule's keepalive option ran
 */
public record Expected(boolean granted, Optional<String> banner, Optional<String> twist, boolean keepalive) {
    /** Banner, then twist output: what libwrap's tcpd writes on the socket before it closes. */
    public String bannerThenTwist() {
        return banner.orElse("") + twist.orElse("");
    }

    /** Decodes a door's bytes as this class's text (UTF-8, malformed bytes replaced alike on both sides). */
    public static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
