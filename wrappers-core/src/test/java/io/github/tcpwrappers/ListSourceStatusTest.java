/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.tcpwrappers.testing.DrivenListSource;
import io.github.tcpwrappers.testing.ManualClock;
import io.github.tcpwrappers.value.ListEntry;
import io.github.tcpwrappers.value.Network;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HostsAccess#status()} names every bound list source: kind, state, entries, sync times, lag, counts. */
class ListSourceStatusTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private final ManualClock clock = ManualClock.at(T0);

    @TempDir
    Path dir;

    private static ListEntry ban(String network) {
        return new ListEntry(Network.parse(network), T0.plus(Duration.ofHours(1)), "test", "scan");
    }

    private static Map<String, Object> status(Path list, String source, String kind, String state, int entries, long updates,
            long failures, Object... rest) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("list", list.toString());
        m.put("source", source);
        m.put("kind", kind);
        m.put("state", state);
        m.put("entries", entries);
        m.put("updates", updates);
        m.put("failures", failures);
        for (int i = 0; i < rest.length; i += 2) {
            m.put((String) rest[i], rest[i + 1]);
        }
        return m;
    }

    @Test
    void statusNamesEachBoundSourceWithItsStateEntriesSyncTimesAndLag() throws Exception {
        Path memory = dir.resolve("hosts.ban");
        Path driven = dir.resolve("hosts.fleet");
        Path silent = dir.resolve("hosts.never");
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), "ALL : " + memory + " " + driven + " " + silent + "\n");
        MemoryListSource fleet = MemoryListSource.named("fleet");
        fleet.replace(List.of(ban("203.0.113.7"), ban("198.51.100.0/24")));
        DrivenListSource live = DrivenListSource.of("driven:test", "driven");
        DrivenListSource never = DrivenListSource.of("driven:test", "driven");
        try (HostsAccess access = HostsAccess.builder().directory(dir).clock(clock).bindList(memory, fleet)
                .bindList(driven, live).bindList(silent, never).build()) {
            live.sink().replace(List.of(ban("192.0.2.1")));
            clock.advance(Duration.ofSeconds(3));
            Instant t3 = clock.instant();
            String at0 = T0.toString();
            assertEquals(List.of(
                    status(memory, "memory:fleet", "memory", "live", 2, 1, 0, "lastDelivery", at0, "lastSync", at0, "lagSeconds", 3.0),
                    status(driven, "driven:test", "driven", "live", 1, 1, 0, "lastDelivery", at0, "lastSync", at0, "lagSeconds", 3.0),
                    status(silent, "driven:test", "driven", "waiting", 0, 0, 0)),
                    access.status().listSources());

            live.sink().current(); // a check that found nothing new: current again, no update
            live.sink().unavailable("connection refused");
            clock.advance(Duration.ofSeconds(10));
            assertEquals(status(driven, "driven:test", "driven", "snapshot", 1, 1, 1, "lastDelivery", at0, "lastSync",
                    t3.toString(), "downSince", t3.toString(), "lagSeconds", 10.0, "lastError", "connection refused"),
                    access.status().listSources().get(1));

            live.sink().current();
            assertEquals(status(driven, "driven:test", "driven", "live", 1, 1, 1, "lastDelivery", at0, "lastSync",
                    clock.instant().toString(), "lagSeconds", 0.0), access.status().listSources().get(1));
            never.sink().current(); // nothing ever delivered: no list to call current
            assertEquals(status(silent, "driven:test", "driven", "waiting", 0, 0, 0), access.status().listSources().get(2));
        }
    }
}
