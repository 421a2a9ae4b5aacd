/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.lookup.JdkHostNameResolver;
import io.github.tcpwrappers.testing.Await;
import io.github.tcpwrappers.value.CommandEvent;
import io.github.tcpwrappers.value.CommandLimits;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's JFR events, recorded to a file by a real jdk.jfr.Recording and read back. */
class FlightRecorderEventsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private static AccessRequest from(String client) {
        return AccessRequest.of("sshd", new InetSocketAddress(client, 40000), new InetSocketAddress("127.0.0.1", 22));
    }

    private List<RecordedEvent> record(ThrowingRun work) throws Exception {
        Path file = dir.resolve("events.jfr");
        try (Recording recording = new Recording()) {
            for (String name : List.of("io.github.tcpwrappers.Decision", "io.github.tcpwrappers.Reload",
                    "io.github.tcpwrappers.Command")) {
                recording.enable(name).withThreshold(Duration.ZERO);
            }
            recording.start();
            work.run();
            recording.stop();
            recording.dump(file);
        }
        return RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().startsWith("io.github.tcpwrappers.")).toList();
    }

    private interface ThrowingRun {
        void run() throws Exception;
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals("io.github.tcpwrappers." + name)).toList();
    }

    @Test
    void aDecisionEventCarriesDaemonClientVerdictRuleAndLookups() throws Exception {
        Path allow = dir.resolve("hosts.allow");
        Path deny = dir.resolve("hosts.deny");
        // 127.0.0.1 is localhost in /etc/hosts: the system resolver verifies it, a real lookup.
        Files.writeString(allow, "sshd: localhost\n");
        Files.writeString(deny, "sshd: 127.0.0.2\n");
        List<RecordedEvent> events;
        try (HostsAccess access = HostsAccess.builder().allowFile(allow).denyFile(deny)
                .hostNameResolver(JdkHostNameResolver.system()).build()) {
            events = record(() -> {
                assertTrue(access.checkBlocking(from("127.0.0.1"), WAIT).granted());
                assertTrue(access.checkBlocking(from("127.0.0.2"), WAIT).denied());
            });
        }
        Map<String, RecordedEvent> byClient = named(events, "Decision").stream()
                .collect(Collectors.toMap(e -> e.getString("client"), Function.identity()));
        RecordedEvent granted = byClient.get("127.0.0.1");
        assertEquals("sshd", granted.getString("daemon"));
        assertEquals("granted", granted.getString("verdict"));
        assertEquals(allow + ":1", granted.getString("rule"));
        assertEquals(1, granted.getInt("lookups"), "the client's name was looked up");
        RecordedEvent denied = byClient.get("127.0.0.2");
        assertEquals("denied", denied.getString("verdict"));
        assertEquals(deny + ":1", denied.getString("rule"));
        // 127.0.0.2 is not localhost: the name pattern needed its name too, and none was found.
        assertEquals(1, denied.getInt("lookups"));
        assertFalse(granted.getDuration().isNegative());
    }

    @Test
    void reloadEventsTellAppliedAndRefusedLoadsWithGenerationAndFiles() throws Exception {
        Path allow = dir.resolve("hosts.allow");
        Path deny = dir.resolve("hosts.deny");
        Files.writeString(allow, "");
        Files.writeString(deny, "sshd: 127.0.0.2\n");
        List<RecordedEvent> events;
        try (HostsAccess access = HostsAccess.builder().allowFile(allow).denyFile(deny)
                .reloadInterval(Duration.ofHours(1)).build()) {
            events = record(() -> {
                Files.writeString(deny, "sshd: 127.0.0.3\n");
                access.reload();
                Files.writeString(deny, "sshd: 127.0.0.3 : nosuchoption\n");
                access.reload();
            });
        }
        List<RecordedEvent> reloads = named(events, "Reload");
        assertEquals(2, reloads.size(), reloads.toString());
        assertEquals("applied", reloads.get(0).getString("outcome"));
        assertEquals(2, reloads.get(0).getLong("generation"));
        assertEquals(1, reloads.get(0).getInt("ruleCount"));
        assertTrue(reloads.get(0).getString("files").contains(deny.toString()), reloads.get(0).getString("files"));
        assertEquals("refused", reloads.get(1).getString("outcome"));
        assertEquals(2, reloads.get(1).getLong("generation"), "the refused load leaves generation 2 in force");
        assertTrue(reloads.get(1).getInt("problems") >= 1);
    }

    @Test
    void commandEventsTellSpawnsStartedAndRefusedByTheBound() throws Exception {
        Path allow = dir.resolve("hosts.allow");
        Path deny = dir.resolve("hosts.deny");
        Files.writeString(allow, "");
        Files.writeString(deny, "sshd: 127.0.0.2 : spawn (sleep 2)\n");
        List<RecordedEvent> events;
        List<CommandEvent> heard = new CopyOnWriteArrayList<>();
        try (HostsAccess access = HostsAccess.builder().allowFile(allow).denyFile(deny)
                .commandLimits(CommandLimits.defaults().withMaxProcesses(1))
                .engineListener(new EngineListener() {
                    @Override
                    public void onCommand(CommandEvent command) {
                        heard.add(command);
                    }
                }).build()) {
            events = record(() -> {
                access.checkBlocking(from("127.0.0.2"), WAIT);
                access.checkBlocking(from("127.0.0.2"), WAIT); // the one slot is taken: refused
                // Refused at once, on this thread: heard before the decision returns.
                assertTrue(heard.contains(new CommandEvent(CommandEvent.Kind.SPAWN, CommandEvent.Happening.REFUSED,
                        "(sleep 2)")), heard::toString);
                Await.until("the spawn to start on the runner's thread", WAIT, () -> heard.size() >= 2);
            });
        }
        // Started on the runner's thread, so it may be heard before or after the refusal.
        assertEquals(2, heard.size(), heard.toString());
        assertEquals(Set.of(new CommandEvent(CommandEvent.Kind.SPAWN, CommandEvent.Happening.REFUSED, "(sleep 2)"),
                new CommandEvent(CommandEvent.Kind.SPAWN, CommandEvent.Happening.STARTED, "(sleep 2)")), Set.copyOf(heard),
                "the listener hears the same, refused at once and started on the runner's thread");
        List<RecordedEvent> commands = named(events, "Command");
        Map<String, List<RecordedEvent>> byHappening = commands.stream()
                .collect(Collectors.groupingBy(e -> e.getString("happening")));
        assertEquals(1, byHappening.getOrDefault("started", List.of()).size(), commands.toString());
        assertEquals(1, byHappening.getOrDefault("refused", List.of()).size(), commands.toString());
        RecordedEvent started = byHappening.get("started").get(0);
        assertEquals("spawn", started.getString("kind"));
        assertEquals("(sleep 2)", started.getString("command"));
    }
}
