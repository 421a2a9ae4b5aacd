/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.value.CommandLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.event.Level;

/** Text settings mean the same thing at every door, and every mistake is named by its key. */
class HostsAccessSettingsTest {
    @TempDir
    Path dir;

    @Test
    void noKeysAreTheBuildersDefaults() {
        assertEquals(HostsAccessSettings.defaults(), HostsAccessSettings.parse("app.properties", Map.of()));
        HostsAccessSettings d = HostsAccessSettings.defaults();
        assertEquals(Path.of("/etc/hosts.allow"), d.allowFile());
        assertEquals(Mode.STRICT, d.mode());
        assertEquals(Optional.of(Duration.ofSeconds(1)), d.reloadInterval());
        assertEquals(CommandLimits.defaults(), d.commandLimits());
        assertEquals(new HostsAccessSettings.LogLines("io.github.tcpwrappers.access", "connect from %c",
                "refused connect from %c", Level.INFO, Level.WARN), d.log());
    }

    @Test
    void everyKeyReachesItsSetting() {
        HostsAccessSettings s = HostsAccessSettings.parse("app.properties", Map.ofEntries(
                Map.entry("allow-file", "/srv/allow"), Map.entry("deny-file", "/srv/deny"),
                Map.entry("mode", "LIBWRAP"), Map.entry("reload-interval", "never"), Map.entry("settle-time", "0"),
                Map.entry("missing-tables", "empty"), Map.entry("shadow-directory", " /srv/next "),
                Map.entry("twist-timeout", "2s"), Map.entry("twist-max-bytes", "4096"),
                Map.entry("granted-log-format", "  ok %d for %a  "), Map.entry("denied-log-format", "no %d %a %r"),
                Map.entry("granted-log-level", "DEBUG"), Map.entry("denied-log-level", "error"),
                Map.entry("logger", "shop.access")));
        assertEquals(new HostsAccessSettings(Path.of("/srv/allow"), Path.of("/srv/deny"), Mode.LIBWRAP,
                Optional.empty(), Duration.ZERO, Optional.of(MissingTables.EMPTY), Optional.of(Path.of("/srv/next")),
                CommandLimits.defaults().withTimeout(Duration.ofSeconds(2)).withMaxBytes(4096),
                new HostsAccessSettings.LogLines("shop.access", "ok %d for %a", "no %d %a %r", Level.DEBUG,
                        Level.ERROR)), s);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0       | PT0S",
            "250ms   | PT0.25S",
            "2s      | PT2S",
            "1m      | PT1M",
            "PT1.5S  | PT1.5S"})
    void durationsAreWrittenAsPeopleWriteThem(String text, String iso) {
        assertEquals(Duration.parse(iso), HostsAccessSettings.duration(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "allow_file         | /x        | app.properties: unknown key 'allow_file' (known: allow-file, ",
            "mode               | lenient   | app.properties: key 'mode' = 'lenient': expected strict or libwrap",
            "reload-interval    | soon      | key 'reload-interval' = 'soon': expected a duration such as 0, 250ms",
            "missing-tables     | maybe     | key 'missing-tables' = 'maybe': expected refuse or empty",
            "twist-timeout      | 0         | key 'twist-timeout' = '0': twist-timeout must be positive",
            "twist-max-bytes    | 99999999  | twist-max-bytes must be 1-16777216, got 99999999",
            "twist-max-bytes    | many      | key 'twist-max-bytes' = 'many'",
            "denied-log-format  | no %x     | key 'denied-log-format' = 'no %x': unknown %-sequence %x",
            "granted-log-level  | loud      | key 'granted-log-level' = 'loud': expected trace, debug, info, warn or error",
            "logger             | ''        | key 'logger' = '': expected a logger name"})
    void aBadValueIsNamedByItsKey(String key, String value, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HostsAccessSettings.parse("app.properties", Map.of(key, value)));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void everyMistakeIsReportedAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HostsAccessSettings.parse("app.properties", Map.of("mode", "x", "settle-time", "y", "z", "1")));
        assertTrue(e.getMessage().contains("'mode'") && e.getMessage().contains("'settle-time'")
                && e.getMessage().contains("unknown key 'z'"), e.getMessage());
    }

    @Test
    void theBuilderTakesTheSettingsAndTheirTables() throws Exception {
        Path allow = Files.writeString(dir.resolve("allow"), "shop: 127.0.0.2\n");
        Path deny = Files.writeString(dir.resolve("deny"), "ALL: ALL\n");
        HostsAccessSettings s = HostsAccessSettings.parse("app.properties",
                Map.of("allow-file", allow.toString(), "deny-file", deny.toString(), "reload-interval", "0"));
        try (HostsAccess access = HostsAccess.builder().settings(s).build()) {
            assertTrue(access.checkBlocking(AccessRequest.ofText("shop", "127.0.0.2", 1, "127.0.0.1", 80,
                    Optional.empty()), Duration.ofSeconds(5)).granted());
            assertTrue(access.checkBlocking(AccessRequest.ofText("shop", "127.0.0.3", 1, "127.0.0.1", 80,
                    Optional.empty()), Duration.ofSeconds(5)).denied());
        }
        Path broken = Files.writeString(dir.resolve("broken"), "ALL: ALL\nsshd: 10.0.0.1 # office\n");
        RulesRejectedException e = assertThrows(RulesRejectedException.class, () -> HostsAccess.builder()
                .settings(HostsAccessSettings.parse("x", Map.of("allow-file", allow.toString(), "deny-file",
                        broken.toString()))).build());
        assertTrue(e.getMessage().contains(broken + ":2: "), e.getMessage());
    }
}
