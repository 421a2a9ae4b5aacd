/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HostsAccess.status(): the rules in force, the last refusal and denial, occupancy, as JSON-ready data. */
class EngineStatusTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private static AccessRequest from(String client) {
        return AccessRequest.of("sshd", new InetSocketAddress(client, 40000), new InetSocketAddress("127.0.0.1", 22));
    }

    @Test
    void theStatusTellsTheRulesInForceTheRefusedLoadAndTheLastDenial() throws Exception {
        Path deny = dir.resolve("hosts.deny");
        Files.writeString(dir.resolve("hosts.allow"), "sshd: 127.0.0.1\n");
        Files.writeString(deny, "sshd: 127.0.0.2\n");
        try (HostsAccess access = HostsAccess.builder().directory(dir).reloadInterval(Duration.ofHours(1)).build()) {
            access.checkBlocking(from("127.0.0.1"), WAIT);
            access.checkBlocking(from("127.0.0.2"), WAIT);
            Files.writeString(deny, "sshd: 127.0.0.2 : nosuchoption\n");
            access.reload();
            EngineStatus status = access.status();
            assertEquals(1, status.generation());
            assertEquals(2, status.ruleCount());
            assertTrue(status.lastRefusal().isPresent());
            EngineStatus.Denial denial = status.lastDenial().orElseThrow();
            assertEquals("sshd", denial.daemon());
            assertEquals("127.0.0.2", denial.client());
            assertEquals(deny + ":1", denial.rule().orElseThrow());
            assertEquals(0, status.lookupsInFlight());
            assertEquals(new EngineStatus.Commands(0, 8, 0), status.commands());

            Map<String, Object> map = status.toMap();
            assertEquals(List.of("rules", "lastDenial", "lookups", "commands", "listSources"), List.copyOf(map.keySet()));
            @SuppressWarnings("unchecked")
            Map<String, Object> rules = (Map<String, Object>) map.get("rules");
            assertEquals(1L, rules.get("generation"));
            assertEquals(List.of(dir.resolve("hosts.allow").toString(), deny.toString()), rules.get("files"));
            assertTrue(rules.containsKey("lastRefusal"));
            assertJsonReady(map);
        }
    }

    /** Only what a JSON writer takes without help: maps with string keys, lists, strings, numbers, booleans. */
    private static void assertJsonReady(Object value) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                assertTrue(k instanceof String, "key " + k);
                assertJsonReady(v);
            });
        } else if (value instanceof List<?> list) {
            list.forEach(EngineStatusTest::assertJsonReady);
        } else {
            assertTrue(value instanceof String || value instanceof Number || value instanceof Boolean,
                    "not JSON-ready: " + value + " (" + value.getClass() + ")");
        }
    }
}
