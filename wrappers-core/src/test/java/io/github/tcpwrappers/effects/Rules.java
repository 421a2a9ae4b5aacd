/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.effects;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.Mode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Rule files in a directory and requests from loopback clients, for the effects tests. */
final class Rules {
    private Rules() {
    }

    /** Writes hosts.allow and hosts.deny into {@code dir} and returns a LIBWRAP-mode builder for them. */
    static HostsAccess.Builder files(Path dir, String allow, String deny) {
        try {
            Files.writeString(dir.resolve("hosts.allow"), allow, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("hosts.deny"), deny, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HostsAccess.builder().directory(dir).mode(Mode.LIBWRAP);
    }

    /** A request for {@code daemon} from {@code client} (a 127.x.y.z address) to 127.0.0.1:22. */
    static AccessRequest request(String daemon, String client) {
        return AccessRequest.of(daemon, new InetSocketAddress(client, 40022), new InetSocketAddress("127.0.0.1", 22));
    }
}
