/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.HostsAccessSettings;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What init-params the filter accepts, and the clear errors for the ones it refuses. */
class InitParamsTest {
    @TempDir
    Path dir;

    /** The init-params a container would hand over (this is the whole of FilterConfig). */
    record Config(Map<String, String> params) implements FilterConfig {
        @Override
        public String getFilterName() {
            return "hosts-access";
        }

        @Override
        public ServletContext getServletContext() {
            throw new UnsupportedOperationException("the filter needs no context");
        }

        @Override
        public String getInitParameter(String name) {
            return params.get(name);
        }

        @Override
        public Enumeration<String> getInitParameterNames() {
            return Collections.enumeration(params.keySet());
        }
    }

    private Map<String, String> valid() throws Exception {
        RuleFiles rules = new RuleFiles(dir).allow("shop: 127.0.0.1").deny("ALL: ALL");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("daemon", "shop");
        params.put("allow-file", rules.allow().toString());
        params.put("deny-file", rules.deny().toString());
        return params;
    }

    @Test
    void defaultsAreTheFiltersOwn403TenSecondsAndTheContainersName() throws Exception {
        HostsAccessFilter.Settings s = HostsAccessFilter.Settings.read(
                HostsAccessSettings.Reader.of("filter 'hosts-access'", "init-param", Map.of("daemon", "shop")));
        assertEquals(new HostsAccessFilter.Settings("shop", 403, Duration.ofSeconds(10),
                HostsAccessFilter.ServerName.CONTAINER), s);
    }

    @Test
    void reloadCanBeTurnedOff() throws Exception {
        Map<String, String> p = valid();
        p.put("reload-interval", "never");
        HostsAccessFilter filter = new HostsAccessFilter();
        filter.init(new Config(p));
        filter.destroy();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "allow_file       | /x                | unknown init-param 'allow_file'",
            "mode             | lenient           | init-param 'mode' = 'lenient': expected strict or libwrap",
            "denied-status    | 200               | denied-status must be an HTTP error status 400-599, got 200",
            "denied-status    | forbidden         | init-param 'denied-status' = 'forbidden'",
            "reload-interval  | soon              | init-param 'reload-interval' = 'soon': expected a duration",
            "decision-timeout | 0                 | decision-timeout must be positive",
            "twist-max-bytes  | 99999999          | twist-max-bytes must be 1-16777216",
            "server-name      | dns               | init-param 'server-name' = 'dns': expected container or resolver",
            "daemon           | two words         | init-param 'daemon' = 'two words': daemon name 'two words' has a blank",
            "twist-timeout    | 0                 | init-param 'twist-timeout' = '0': twist-timeout must be positive",
            "settle-time      | -1s               | settle-time must not be negative, got PT-1S",
            "denied-log-format | refused %x       | init-param 'denied-log-format' = 'refused %x': unknown %-sequence %x",
            "granted-log-format | hi %z           | init-param 'granted-log-format' = 'hi %z': unknown %-sequence %z",
            "granted-log-level | loud             | init-param 'granted-log-level' = 'loud': expected trace, debug, info, warn or error",
            "logger           | ''                | init-param 'logger' = '': expected a logger name"})
    void badInitParamsFailInitNamingTheParam(String name, String value, String message) throws Exception {
        Map<String, String> p = valid();
        p.put(name, value);
        ServletException e = assertThrows(ServletException.class, () -> new HostsAccessFilter().init(new Config(p)));
        assertTrue(e.getMessage().startsWith("filter 'hosts-access': "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void daemonIsRequired() throws Exception {
        Map<String, String> p = valid();
        p.remove("daemon");
        ServletException e = assertThrows(ServletException.class, () -> new HostsAccessFilter().init(new Config(p)));
        assertTrue(e.getMessage().contains("init-param 'daemon' is required"), e.getMessage());
    }

    @Test
    void strictModeRefusesABrokenFileWithFileAndLine() throws Exception {
        Map<String, String> p = valid();
        Files.writeString(Path.of(p.get("deny-file")), "ALL: ALL\nsshd: 10.0.0.1 # office\n");
        ServletException e = assertThrows(ServletException.class, () -> new HostsAccessFilter().init(new Config(p)));
        assertTrue(e.getMessage().contains(p.get("deny-file") + ":2: "), e.getMessage());

        p.put("mode", "libwrap");
        HostsAccessFilter lenient = new HostsAccessFilter();
        lenient.init(new Config(p));
        lenient.destroy();
    }

    @Test
    void aFilterConfiguredInCodeRefusesInitParams() throws Exception {
        Map<String, String> p = valid();
        try (HostsAccess access = HostsAccess.builder().allowFile(Path.of(p.get("allow-file")))
                .denyFile(Path.of(p.get("deny-file"))).build()) {
            ServletException e = assertThrows(ServletException.class,
                    () -> HostsAccessFilter.create(access, "shop").init(new Config(Map.of("daemon", "x"))));
            assertTrue(e.getMessage().contains("configured in code"), e.getMessage());
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                    () -> HostsAccessFilter.create(access, Map.of("daemon", "shop", "denied-status", "302")));
            assertTrue(bad.getMessage().contains("denied-status"), bad.getMessage());
            IllegalArgumentException engineKey = assertThrows(IllegalArgumentException.class,
                    () -> HostsAccessFilter.create(access, Map.of("daemon", "shop", "allow-file", "/etc/hosts.allow")));
            assertTrue(engineKey.getMessage().contains("unknown init-param 'allow-file'"), engineKey.getMessage());
        }
    }
}
