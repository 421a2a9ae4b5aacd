/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The long-PTR attack of issue 18: a client that writes its own reverse zone picks a name longer
 * than libwrap's 127 bytes whose first 127 bytes end in {@code .trusted.example}, and gives it a
 * matching address record, so the whole name is forward-confirmed. A resolver that confirms the
 * whole name and an engine that then cuts it to 127 bytes grant it under
 * {@code echo: .trusted.example}; libwrap never does.
 *
 * <pre>{@code
 * try (Dnsmasq dns = LongPtrZone.dnsmasq()) { ... LongPtrZone.CLIENTS ... }
 * }</pre>
 */
public final class LongPtrZone {
    /** hosts.allow: only names under trusted.example. */
    public static final String ALLOW = "echo: .trusted.example\n";
    /** hosts.deny: everyone else. */
    public static final String DENY = "ALL: ALL\n";

    /** 127 bytes exactly: the longest name libwrap holds, under trusted.example. */
    public static final String EXACT = "c".repeat(50) + "." + "d".repeat(60) + ".trusted.example";
    /** 140 bytes; its first 127 are {@code aaa….bbb….trusted.example}. */
    public static final String LONG = "a".repeat(50) + "." + "b".repeat(60) + ".trusted.example.evil.example";
    /** 128 bytes; its first 127 are {@code eee….fff….trusted.example}, then one more letter. */
    public static final String ONE_BYTE_OVER = "e".repeat(50) + "." + "f".repeat(60) + ".trusted.examplex";

    /** Client address, its (verified) name, and whether libwrap grants it under {@link #ALLOW}. */
    public record Client(String address, String name, boolean granted) {
    }

    /** The clients, each on its own loopback address. */
    public static final List<Client> CLIENTS = List.of(
            new Client("127.0.0.8", "short.trusted.example", true),
            new Client("127.0.0.12", EXACT, true),
            new Client("127.0.0.9", LONG, false),
            new Client("127.0.0.13", ONE_BYTE_OVER, false));

    private LongPtrZone() {
    }

    /** dnsmasq serving a PTR and an A record for each client, nothing else. */
    public static Dnsmasq dnsmasq() throws Exception {
        List<String> records = new ArrayList<>(List.of("--local=/example/"));
        for (Client client : CLIENTS) {
            records.add("--host-record=" + client.name() + "," + client.address());
        }
        return Dnsmasq.start(records.toArray(String[]::new));
    }

    /** The same records as a hosts file, for the system resolver ({@code -Djdk.net.hosts.file}). */
    public static String hostsFile() {
        return CLIENTS.stream().map(c -> c.address() + " " + c.name()).collect(Collectors.joining("\n", "", "\n"));
    }

    /** {@code @MethodSource(LongPtrZone.CLIENTS_SOURCE)} feeds a test {@link #CLIENTS}. */
    public static final String CLIENTS_SOURCE = "io.github.tcpwrappers.testing.LongPtrZone#clients";

    /** The clients, for {@link #CLIENTS_SOURCE}. */
    public static List<Client> clients() {
        return CLIENTS;
    }

    /** Writes hosts.allow ({@link #ALLOW}) and hosts.deny ({@link #DENY}) into {@code dir}. */
    public static Path writeRules(Path dir) throws IOException {
        Files.writeString(dir.resolve("hosts.allow"), ALLOW);
        Files.writeString(dir.resolve("hosts.deny"), DENY);
        return dir;
    }
}
