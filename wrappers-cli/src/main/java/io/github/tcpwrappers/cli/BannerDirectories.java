/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.cli;

import io.github.tcpwrappers.language.OptionKind;
import io.github.tcpwrappers.language.OptionStep;
import io.github.tcpwrappers.language.Rule;
import io.github.tcpwrappers.language.RuleTable;
import io.github.tcpwrappers.text.ByteText;
import io.github.tcpwrappers.value.Diagnostic;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * tcpdchk's check of {@code banners DIR}, as Debian's tcpdchk makes it: a directory that does
 * not exist is a warning at each rule naming it (Debian's: {@code warning: hosts.allow, line 1:
 * DIR: No such file or directory}), since libwrap then warns at every connection the rule
 * decides and sends no banner. A relative directory is looked up from the working directory, as
 * libwrap looks it up. (A regular file named as the directory is already the engine's error.)
 *
 * <pre>{@code
 * List<Diagnostic> warnings = BannerDirectories.check(rules.allowTable(), rules.denyTable());
 * }</pre>
 */
final class BannerDirectories {
    private BannerDirectories() {
    }

    /** One warning per {@code banners} option whose directory does not exist. */
    static List<Diagnostic> check(RuleTable... tables) {
        List<Diagnostic> warnings = new ArrayList<>();
        for (RuleTable table : tables) {
            for (Rule rule : table.rules()) {
                for (OptionStep step : rule.options().orElse(List.of())) {
                    if (step instanceof OptionStep.Run run && run.kind() == OptionKind.BANNERS
                            && run.value().isPresent() && missing(ByteText.toText(run.value().get()))) {
                        warnings.add(Diagnostic.at(Diagnostic.Level.WARNING, table.path(), rule.line(), "banners "
                                + ByteText.toText(run.value().get()) + ": No such file or directory: libwrap warns so"
                                + " at every connection this rule decides and sends no banner; create the directory"
                                + " or fix the path"));
                    }
                }
            }
        }
        return warnings;
    }

    private static boolean missing(String directory) {
        try {
            return Files.notExists(Path.of(directory));
        } catch (InvalidPathException e) {
            return false; // bytes no path of this machine can hold: the engine's own checks speak for it
        }
    }
}
