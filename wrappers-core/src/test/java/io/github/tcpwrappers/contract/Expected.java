/*
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
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
