/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.cli;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.ListSources;
import io.github.tcpwrappers.lists.ListBindings;
import io.github.tcpwrappers.spi.ListSource;
import io.github.tcpwrappers.value.ListEntry;
import io.github.tcpwrappers.value.ListMatch;
import io.github.tcpwrappers.value.ListStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/** The {@code --bind PATH=URI} options of both tools: sources opened, waited for, described. */
final class ListBindingsOption {
    private ListBindingsOption() {
    }

    /** Binds every {@code --bind} on {@code builder}; a bad one (a path bound twice too) is a usage error. */
    static HostsAccess.Builder bind(RuleFileOptions files, HostsAccess.Builder builder, CommandLine line) {
        for (Bound bound : sources(files, line)) {
            try {
                builder.bindList(bound.path(), bound.source());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(line, "--bind " + bound.text() + ": " + e.getMessage());
            }
        }
        return builder;
    }

    /** One {@code --bind PATH=URI}, its source opened. */
    private record Bound(String text, Path path, ListSource source) {
    }

    /** The {@code --bind} sources, opened, in order; a bad one (or a negative wait) is a usage error. */
    private static List<Bound> sources(RuleFileOptions files, CommandLine line) {
        if (files.listWaitSeconds < 0) {
            throw new CommandLine.ParameterException(line, "--list-wait must not be negative");
        }
        List<Bound> sources = new ArrayList<>();
        for (String text : files.bindings) {
            try {
                ListSources.Binding b = ListSources.binding(text);
                sources.add(new Bound(text, b.path(), ListSources.open(b.uri())));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(line, "--bind " + text + ": " + e.getMessage());
            }
        }
        return sources;
    }

    /**
     * The {@code --bind} lists for a dry run, started: tcpdmatch compiles the rules against them
     * as the engine would, without an engine's effects. Closing stops the sources.
     */
    static ListBindings open(RuleFileOptions files, CommandLine line) {
        Map<Path, ListSource> sources = new LinkedHashMap<>();
        sources(files, line).forEach(bound -> sources.put(bound.path(), bound.source()));
        // No bans are written from a dry run, so the origin and rate only fill the constructor.
        ListBindings lists = new ListBindings(sources, Clock.systemUTC(), ListBindings.DEFAULT_MAX_ENTRIES, false,
                ListSources.defaultOrigin("tcpdmatch"), 1);
        lists.start();
        return lists;
    }

    /** Waits for the {@code --bind} lists of a dry run; a warning for each that did not arrive. */
    static List<String> await(ListBindings lists, RuleFileOptions files) {
        if (lists.isEmpty()) {
            return List.of();
        }
        try {
            lists.awaitDelivered(Duration.ofSeconds(files.listWaitSeconds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return waiting(lists.statuses(), files);
    }

    /** Waits for the bound lists; a warning for each that did not arrive. */
    static List<String> await(HostsAccess access, RuleFileOptions files) {
        if (access.lists().isEmpty()) {
            return List.of();
        }
        try {
            access.awaitLists(Duration.ofSeconds(files.listWaitSeconds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return waiting(access.lists(), files);
    }

    private static List<String> waiting(List<ListStatus> statuses, RuleFileOptions files) {
        List<String> warnings = new ArrayList<>();
        for (ListStatus s : statuses) {
            if (s.state() == ListStatus.State.WAITING) {
                warnings.add("list " + s.list() + ": " + s.source() + " delivered nothing within "
                        + files.listWaitSeconds + " s" + s.lastError().map(e -> " (" + e + ")").orElse("")
                        + ": decided without it");
            }
        }
        return warnings;
    }

    /** {@code /etc/hosts.ban 203.0.113.0/24 (redis://... list bans, live), expires ..., origin ..., reason ...}. */
    static String text(ListMatch m) {
        return m.status().list() + " " + m.entry().network() + " (" + m.status().source() + ", "
                + stateWord(m.status().state()) + "), expires " + ListCommands.expiry(m.entry().expires()) + ", origin " + m.entry().origin()
                + (m.entry().reason().isEmpty() ? "" : ", reason " + m.entry().reason());
    }

    static Map<String, Object> json(ListMatch m) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("list", m.status().list().toString());
        j.put("source", m.status().source());
        j.put("state", stateWord(m.status().state()));
        j.put("network", m.entry().network().toString());
        j.put("expires", m.entry().expires().equals(ListEntry.NEVER) ? Optional.empty()
                : Optional.of(m.entry().expires().toString()));
        j.put("origin", m.entry().origin());
        j.put("reason", m.entry().reason());
        return j;
    }

    static String stateWord(ListStatus.State state) {
        return switch (state) {
            case LIVE -> "live";
            case SNAPSHOT -> "snapshot: the source is down";
            case WAITING -> "not delivered";
        };
    }
}
