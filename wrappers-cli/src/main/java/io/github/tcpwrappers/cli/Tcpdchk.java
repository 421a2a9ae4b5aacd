/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.cli;

import io.github.tcpwrappers.Mode;
import io.github.tcpwrappers.evaluation.RuleSet;
import io.github.tcpwrappers.files.RuleLoader;
import io.github.tcpwrappers.language.OptionKind;
import io.github.tcpwrappers.language.OptionStep;
import io.github.tcpwrappers.language.Rule;
import io.github.tcpwrappers.language.RuleTable;
import io.github.tcpwrappers.language.Shadowing;
import io.github.tcpwrappers.text.ByteText;
import io.github.tcpwrappers.value.Diagnostic;
import io.github.tcpwrappers.value.ListStatus;
import io.github.tcpwrappers.value.RuleLocation;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * tcpdchk: every problem in hosts.allow and hosts.deny as {@code FILE:LINE: level: message}:
 * what libwrap warns about or fails on, the hazards strict mode refuses, DNS- and
 * ident-dependent patterns, missing or unreadable lists, missing banner directories, and rules an
 * earlier rule makes unreachable.
 */
@Command(name = "tcpdchk", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reports every problem in the rule files as FILE:LINE: level: message.",
                "Errors are what strict mode refuses (libwrap misreads or denies there); warnings are advice."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:no errors (warnings allowed)", "1:errors found",
                "2:bad usage, or a rule file that exists but cannot be read"})
final class Tcpdchk implements Callable<Integer> {
    @Mixin
    RuleFileOptions files;

    @Option(names = "-v", description = "List each rule as the engine reads it: daemons, clients, options"
            + " and the access it gives.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = TerminalWriter.over(spec.commandLine().getOut());
        Path allow = files.allowPath();
        Path deny = files.denyPath();
        // Loaded as libwrap loads, so that every problem is listed, not only the first refusal.
        RuleSet rules;
        List<Diagnostic> problems = new ArrayList<>();
        for (Path table : List.of(allow, deny)) {
            if (Files.notExists(table, LinkOption.NOFOLLOW_LINKS)) {
                // A path typed on the command line that is not there is a typo until shown otherwise.
                boolean named = table == files.allow || table == files.deny;
                problems.add(Diagnostic.at(named || files.mode == Mode.STRICT ? Diagnostic.Level.ERROR
                        : Diagnostic.Level.WARNING, table.toString(), 0, "does not exist: libwrap reads it as an"
                        + " empty table, strict mode refuses to start (write an empty file for an empty table)"));
            }
        }
        // As libwrap reads them: every problem is reported, none refuses the load.
        RuleLoader.Loaded loaded = RuleFileOptions.loader().load(allow, deny);
        rules = loaded.rules();
        problems.addAll(loaded.problems());
        List<ListStatus> lists = BoundListCheck.check(files, loaded.paths(), problems, spec.commandLine());
        // Dead rules are advice for whoever edits the files, not something loading needs.
        problems.addAll(Shadowing.check(rules.allowTable(), rules.denyTable()));
        problems.addAll(RedirectTargets.check(rules.allowTable(), rules.denyTable()));
        problems.addAll(BannerDirectories.check(rules.allowTable(), rules.denyTable()));
        List<String> order = List.of(allow.toString(), deny.toString());
        problems.sort(Comparator.comparingInt((Diagnostic p) -> p.location().map(l -> fileRank(order, l)).orElse(-1))
                .thenComparingInt(p -> p.location().map(RuleLocation::line).orElse(0)));
        long errors = problems.stream().filter(p -> p.level() != Diagnostic.Level.WARNING).count();
        long warnings = problems.size() - errors;
        boolean unreadable = rules.allowTable().unreadable().isPresent() || rules.denyTable().unreadable().isPresent();

        if (files.json) {
            Map<String, Object> json = json(rules, problems, errors, warnings);
            json.put("lists", lists.stream().map(BoundListCheck::json).toList());
            out.println(Json.write(json));
        } else {
            text(out, rules, order, problems);
            lists.forEach(l -> out.println(BoundListCheck.text(l)));
            out.println(summary(rules, errors, warnings));
        }
        return unreadable ? Main.USAGE : errors > 0 ? 1 : 0;
    }

    private static int fileRank(List<String> order, RuleLocation l) {
        int i = order.indexOf(l.file());
        return i < 0 ? order.size() : i;
    }

    private String summary(RuleSet rules, long errors, long warnings) {
        String counts = errors + (errors == 1 ? " error, " : " errors, ") + warnings
                + (warnings == 1 ? " warning" : " warnings");
        String rulesRead = rules.ruleCount() + (rules.ruleCount() == 1 ? " rule" : " rules");
        String verdict;
        if (errors == 0) {
            verdict = "both modes load these files";
        } else if (files.mode == Mode.STRICT) {
            verdict = "strict mode refuses these files";
        } else {
            verdict = "libwrap mode loads these files, and each error above misreads or denies there";
        }
        return "tcpdchk: " + counts + " in " + rulesRead + "; " + verdict;
    }

    private void text(PrintWriter out, RuleSet rules, List<String> order, List<Diagnostic> problems) {
        if (!verbose) {
            problems.forEach(p -> out.println(problemText(p)));
            return;
        }
        // Rules and problems interleaved in file order, each rule before the problems on its line.
        record Item(int rank, int line, int kind, Consumer<PrintWriter> print) {
        }
        List<Item> items = new ArrayList<>();
        for (Diagnostic p : problems) {
            int rank = p.location().map(l -> fileRank(order, l)).orElse(-1);
            items.add(new Item(rank, p.location().map(RuleLocation::line).orElse(0), 1, o -> o.println(problemText(p))));
        }
        List<RuleTable> tables = List.of(rules.allowTable(), rules.denyTable());
        for (int t = 0; t < 2; t++) {
            boolean allowTable = t == 0;
            RuleTable table = tables.get(t);
            for (Rule rule : table.rules()) {
                items.add(new Item(t, rule.line(), 0, o -> rule(o, table.path(), allowTable, rule)));
            }
        }
        items.sort(Comparator.comparingInt(Item::rank).thenComparingInt(Item::line).thenComparingInt(Item::kind));
        items.forEach(i -> i.print().accept(out));
    }

    private static void rule(PrintWriter out, String file, boolean allowTable, Rule rule) {
        out.println(">>> Rule " + file + ":" + rule.line());
        out.println("daemons:  " + Patterns.text(rule.daemons(), Patterns::daemon));
        out.println("clients:  " + Patterns.text(rule.clients(), Patterns::client));
        for (OptionStep step : rule.options().orElse(List.of())) {
            if (step instanceof OptionStep.Rejected r) {
                out.println("option:   (rejected: " + r.message() + ")");
            } else {
                OptionStep.Run run = (OptionStep.Run) step;
                out.println(("option:   " + ByteText.toText(run.name()) + " "
                        + run.value().map(ByteText::toText).orElse("")).stripTrailing()
                        + run.failure().map(f -> " (fails: " + f + ")").orElse(""));
            }
        }
        out.println("access:   " + access(allowTable, rule));
    }

    /** What a match of this rule gives: the table's verdict unless the options say otherwise. */
    static String access(boolean allowTable, Rule rule) {
        String verdict = allowTable ? "granted" : "denied";
        for (OptionStep step : rule.options().orElse(List.of())) {
            if (step instanceof OptionStep.Rejected
                    || step instanceof OptionStep.Run run && run.failure().isPresent()) {
                return "denied (option error)";
            }
            OptionKind kind = ((OptionStep.Run) step).kind();
            if (kind == OptionKind.ALLOW) {
                verdict = "granted";
            } else if (kind == OptionKind.DENY) {
                verdict = "denied";
            } else if (kind == OptionKind.TWIST) {
                verdict = "delegated";
            }
        }
        return verdict;
    }

    /** {@code FILE:LINE: error: message}, or without a place when the problem has none. */
    static String problemText(Diagnostic p) {
        String level = Tcpdmatch.levelName(p);
        return p.location().map(l -> l + ": " + level + ": " + p.message()).orElse(level + ": " + p.message());
    }

    static Map<String, Object> problemJson(Diagnostic p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", p.location().map(RuleLocation::file));
        json.put("line", p.location().map(RuleLocation::line));
        json.put("level", Tcpdmatch.levelName(p));
        json.put("message", p.message());
        return json;
    }

    private Map<String, Object> json(RuleSet rules, List<Diagnostic> problems, long errors, long warnings) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tool", "tcpdchk");
        json.put("mode", files.modeName());
        json.put("allow", files.allowPath().toString());
        json.put("deny", files.denyPath().toString());
        json.put("errors", errors);
        json.put("warnings", warnings);
        json.put("refusedInStrictMode", errors > 0);
        json.put("problems", problems.stream().map(Tcpdchk::problemJson).toList());
        if (verbose) {
            List<Object> list = new ArrayList<>();
            List<RuleTable> tables = List.of(rules.allowTable(), rules.denyTable());
            for (int t = 0; t < 2; t++) {
                for (Rule rule : tables.get(t).rules()) {
                    list.add(ruleJson(tables.get(t).path(), t == 0, rule));
                }
            }
            json.put("rules", list);
        }
        return json;
    }

    private static Map<String, Object> ruleJson(String file, boolean allowTable, Rule rule) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", file);
        json.put("line", rule.line());
        json.put("text", ByteText.toText(rule.text()));
        json.put("daemons", Patterns.json(rule.daemons(), Patterns::daemonJson));
        json.put("clients", Patterns.json(rule.clients(), Patterns::clientJson));
        json.put("options", rule.options().map(steps -> steps.stream().map(step -> {
            Map<String, Object> o = new LinkedHashMap<>();
            if (step instanceof OptionStep.Rejected r) {
                o.put("rejected", r.message());
            } else {
                OptionStep.Run run = (OptionStep.Run) step;
                o.put("name", ByteText.toText(run.name()));
                o.put("value", run.value().map(ByteText::toText));
                o.put("fails", run.failure());
            }
            return o;
        }).toList()));
        json.put("access", access(allowTable, rule));
        return json;
    }

}
