/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.cli;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.ListSources;
import io.github.tcpwrappers.MissingTables;
import io.github.tcpwrappers.Mode;
import io.github.tcpwrappers.files.RuleLoader;
import io.github.tcpwrappers.value.Diagnostic;
import io.github.tcpwrappers.value.ListStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * tcpdchk's look at {@code --bind PATH=URI}: that a rule names the path, what libwrap on this
 * host reads there, and that the source delivers a list within {@code --list-wait}.
 */
final class BoundListCheck {
    private BoundListCheck() {
    }

    /** Adds a problem for each binding that is not right; the lists as they stood, for the report. */
    static List<ListStatus> check(RuleFileOptions files, Set<Path> read, List<Diagnostic> problems, CommandLine line) {
        if (files.bindings.isEmpty()) {
            return List.of();
        }
        Set<Path> named = read.stream().map(RuleLoader::boundKey).collect(Collectors.toSet());
        for (String text : files.bindings) {
            ListSources.Binding b;
            try {
                b = ListSources.binding(text);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(line, "--bind " + text + ": " + e.getMessage());
            }
            String path = b.path().toString();
            if (!named.contains(RuleLoader.boundKey(b.path()))) {
                problems.add(Diagnostic.at(Diagnostic.Level.WARNING, path, 0, "bound to " + b.uri().getScheme()
                        + ": but no rule of " + files.allowPath() + " or " + files.denyPath() + " names this list"));
            }
            if (!Files.exists(b.path())) {
                problems.add(Diagnostic.at(Diagnostic.Level.WARNING, path, 0, "bound list has no file: the engine"
                        + " uses the live list, but libwrap on this host (sshd) matches nothing here; keep a copy"
                        + " (an empty file is an empty list)"));
            }
        }
        // The sources, as a server would start them: LIBWRAP mode so that only the lists are judged here.
        HostsAccess.Builder builder = HostsAccess.builder().allowFile(files.allowPath()).denyFile(files.denyPath())
                .mode(Mode.LIBWRAP).missingTables(MissingTables.EMPTY);
        try (HostsAccess access = ListBindingsOption.bind(files, builder, line).build()) {
            ListBindingsOption.await(access, files);
            for (ListStatus s : access.lists()) {
                if (s.state() != ListStatus.State.LIVE) {
                    problems.add(Diagnostic.at(Diagnostic.Level.ERROR, s.list().toString(), 0, "bound to " + s.source()
                            + ": nothing delivered within " + files.listWaitSeconds + " s"
                            + s.lastError().map(e -> ": " + e).orElse("")
                            + "; a server starts serving its file rules without it (ListStartup)"));
                }
            }
            return access.lists();
        }
    }

    static String text(ListStatus s) {
        return "list: " + s.list() + " bound to " + s.source() + ": " + ListBindingsOption.stateWord(s.state())
                + (s.state() == ListStatus.State.LIVE ? ", " + s.entries() + (s.entries() == 1 ? " entry" : " entries")
                        : "");
    }

    static Map<String, Object> json(ListStatus s) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("list", s.list().toString());
        j.put("source", s.source());
        j.put("state", s.state().name().toLowerCase(Locale.ROOT));
        j.put("entries", s.entries());
        j.put("error", s.lastError());
        return j;
    }

}
