/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.cli;

import io.github.tcpwrappers.Mode;
import io.github.tcpwrappers.files.FileAccess;
import io.github.tcpwrappers.files.RuleLoader;
import io.github.tcpwrappers.files.SystemAccounts;
import io.github.tcpwrappers.spi.NetgroupResolver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The options both tools share: which tables, which loading mode, which output form. */
final class RuleFileOptions {
    @Option(names = "--allow", paramLabel = "FILE", description = "The allow table (default: /etc/hosts.allow,"
            + " or ./hosts.allow with -d).")
    Path allow;

    @Option(names = "--deny", paramLabel = "FILE", description = "The deny table (default: /etc/hosts.deny,"
            + " or ./hosts.deny with -d).")
    Path deny;

    @Option(names = "-d", description = "Use hosts.allow and hosts.deny in the current directory.")
    boolean currentDirectory;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "strict",
            description = "strict (default: refuse files with hazards, as the engine does) or libwrap"
                    + " (load what libwrap loads).")
    Mode mode;

    @Option(names = "--json", description = "Write one JSON object instead of text.")
    boolean json;

    @Option(names = "--bind", paramLabel = "PATH=URI", description = "Bind the /file list PATH of the rules to a"
            + " live list, as the server does (e.g. /etc/hosts.ban=redis://10.0.0.5:6379?list=bans); repeatable."
            + " Unbound lists are read from their files, as libwrap reads them.")
    List<String> bindings = new ArrayList<>();

    @Option(names = "--list-wait", paramLabel = "SECONDS", defaultValue = "5",
            description = "How long to wait for bound lists to arrive (default: ${DEFAULT-VALUE}).")
    int listWaitSeconds;

    Path allowPath() {
        return allow != null ? allow : Path.of(currentDirectory ? "hosts.allow" : "/etc/hosts.allow");
    }

    Path denyPath() {
        return deny != null ? deny : Path.of(currentDirectory ? "hosts.deny" : "/etc/hosts.deny");
    }

    String modeName() {
        return mode.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The engine's own loader with an engine's defaults (the system's accounts, no netgroups,
     * the default memory bound): the tools see what an engine built on these files would see.
     */
    static RuleLoader loader() {
        return new RuleLoader(FileAccess.system(), SystemAccounts.read(), NetgroupResolver.NONE);
    }
}
