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
