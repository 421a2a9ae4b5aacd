/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.files;

import io.github.tcpwrappers.evaluation.BannerSource;
import io.github.tcpwrappers.evaluation.RuleSet;
import io.github.tcpwrappers.language.CText;
import io.github.tcpwrappers.language.Hazards;
import io.github.tcpwrappers.language.HostPattern;
import io.github.tcpwrappers.language.InterfaceNames;
import io.github.tcpwrappers.language.OptionKind;
import io.github.tcpwrappers.language.OptionStep;
import io.github.tcpwrappers.language.Rule;
import io.github.tcpwrappers.language.RuleTable;
import io.github.tcpwrappers.spi.AccountNames;
import io.github.tcpwrappers.spi.NetgroupResolver;
import io.github.tcpwrappers.text.ByteText;
import io.github.tcpwrappers.value.Diagnostic;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * Reads hosts.allow, hosts.deny, every {@code /file} list they name and every banner directory
 * they use, and compiles them into one {@link RuleSet} snapshot. Everything a decision will need
 * from the disk is read here, once, so deciding never does I/O.
 */
public final class RuleLoader {
    /**
     * How deep /file lists may include one another. libwrap has no bound of its own: it follows
     * a chain as deep as its stack allows (1,000 lists on Debian 12's 8 MiB stack, a crash
     * before 1,024) and crashes on a list that includes itself. Chains libwrap can follow are
     * followed; deeper ones are an error.
     */
    static final int MAX_LIST_DEPTH = 1024;
    /** Banner files read per directory (with the directories below it), at most. */
    static final int MAX_BANNER_FILES = 1024;
    /** Directory levels read for banner files: {@code DIR/a/b/c/...}, at most. */
    static final int MAX_BANNER_DEPTH = 8;
    /** Banner file size, at most. */
    static final int MAX_BANNER_BYTES = 1 << 20;

    /**
     * Heap one line costs at least once compiled: a compact single-address line takes 46-61
     * bytes (issue 21, `LoadMemory`), with room to spare. The estimate a table is refused on
     * before it is parsed; what the parse gives is then checked at {@link #BYTES_PER_RULE}.
     */
    static final long BYTES_PER_LINE = 96;
    /**
     * Heap one rule held as parsed objects (not compact: networks, IPv6, names, lists) costs,
     * with room to spare (about 800 bytes measured, issue 18).
     */
    static final long BYTES_PER_RULE = 1024;
    /** Heap one word of a {@code /file} list costs once parsed, with room to spare. */
    static final long BYTES_PER_LIST_WORD = 256;

    private final FileAccess files;
    private final AccountNames accounts;
    private final NetgroupResolver netgroups;
    private final long memoryLimit;
    /** {@code /file} list paths bound to live lists: not read, matched against the list. */
    private final Map<Path, HostPattern.Membership> bindings;
    /** What IPv6 {@code %zone} names the rules' addresses and the clients' may use. */
    private final InterfaceNames interfaces;

    /**
     * A loader over a file system view, an account table and a netgroup resolver, whose loads
     * may cost {@link #defaultMemoryLimit()}.
     */
    public RuleLoader(FileAccess files, AccountNames accounts, NetgroupResolver netgroups) {
        this(files, accounts, netgroups, defaultMemoryLimit());
    }

    /**
     * A loader whose loads may cost at most {@code memoryLimit} bytes of heap (estimated per
     * rule and per list word, before parsing); a larger load is refused as too large.
     */
    public RuleLoader(FileAccess files, AccountNames accounts, NetgroupResolver netgroups, long memoryLimit) {
        this(files, accounts, netgroups, memoryLimit, Map.of(), SystemInterfaces.live());
    }

    private RuleLoader(FileAccess files, AccountNames accounts, NetgroupResolver netgroups, long memoryLimit,
            Map<Path, HostPattern.Membership> bindings, InterfaceNames interfaces) {
        if (memoryLimit <= 0) {
            throw new IllegalArgumentException("memory limit must be positive: " + memoryLimit);
        }
        this.files = files;
        this.accounts = accounts;
        this.netgroups = netgroups;
        this.memoryLimit = memoryLimit;
        this.bindings = Map.copyOf(bindings);
        this.interfaces = interfaces;
    }

    /**
     * This loader with {@code /file} list paths bound to live lists (keys as {@link #boundKey}
     * gives them): a rule naming one gets {@link HostPattern.HostList.Bound}, and the file is
     * neither read nor watched. Other paths stay ordinary files.
     */
    public RuleLoader withBindings(Map<Path, HostPattern.Membership> lists) {
        return new RuleLoader(files, accounts, netgroups, memoryLimit, lists, interfaces);
    }

    /**
     * This loader with another answer to "is this an interface here" for IPv6 {@code %zone}
     * names (default: {@link SystemInterfaces#live()}, this machine's, asked each time).
     */
    public RuleLoader withInterfaces(InterfaceNames names) {
        return new RuleLoader(files, accounts, netgroups, memoryLimit, bindings, names);
    }

    /** The form a bound path is compared in: absolute and normalised. */
    public static Path boundKey(Path path) {
        return path.toAbsolutePath().normalize();
    }

    /**
     * A quarter of the largest heap: while a new load is built the rules in force stay in
     * memory beside it, and the application needs the rest.
     */
    public static long defaultMemoryLimit() {
        return Runtime.getRuntime().maxMemory() / 4;
    }

    /**
     * One load: the compiled rules and every path they were read from.
     *
     * @param rules the compiled snapshot
     * @param paths every file and directory read (tables, lists, banner directories)
     * @param problems what strict mode refuses (errors) and tcpdchk reports (errors and
     *     warnings), in file order; a {@code FATAL} one (a load too large) is refused in every mode
     * @param sources what each table and {@code /file} list that could be read held
     * @param missingTables the tables that do not exist
     */
    public record Loaded(RuleSet rules, Set<Path> paths, List<Diagnostic> problems, Map<Path, Stamp> sources,
            Set<Path> missingTables, Map<Path, TableRead> tables) {
        public Loaded {
            sources = Map.copyOf(sources);
            missingTables = Set.copyOf(missingTables);
            tables = Map.copyOf(tables);
        }

        /**
         * Why a first load is refused (empty: it may be put in force): each missing table when
         * {@code refuseMissing}, then every error when {@link #refuses} says so. The engine's
         * first load and the command-line tools judge by this one rule.
         */
        public List<Diagnostic> refusals(boolean strict, boolean refuseMissing) {
            List<Diagnostic> refusals = new ArrayList<>();
            if (refuseMissing) {
                for (Path table : missingTables) {
                    refusals.add(Diagnostic.at(Diagnostic.Level.ERROR, table.toString(), 0,
                            "does not exist: refused, a mistyped path would grant everyone (libwrap reads it as an"
                                    + " empty table); create it (an empty file is an empty table) or build with"
                                    + " missingTables(MissingTables.EMPTY)"));
                }
            }
            if (refuses(problems, strict)) {
                refusals.addAll(errors(problems));
            }
            return refusals;
        }
    }

    /** Whether these problems refuse a load: strict mode's errors, and in every mode a FATAL one (too large, too slow). */
    public static boolean refuses(List<Diagnostic> problems, boolean strict) {
        return (strict && !errors(problems).isEmpty())
                || problems.stream().anyMatch(d -> d.level() == Diagnostic.Level.FATAL);
    }

    /** The errors (FATAL ones included) among {@code problems}. */
    public static List<Diagnostic> errors(List<Diagnostic> problems) {
        return problems.stream().filter(d -> d.level() != Diagnostic.Level.WARNING).toList();
    }

    /**
     * What a table or list held when it was read: enough to tell, later, whether the file only
     * grew (its first {@code length} bytes still have the CRC-32C {@code crc32c}). CRC-32C, as
     * for {@link TableRead}: it guards against a writer's accidents, not against someone who
     * can write the rule files (they can grant themselves anything), and it costs a few
     * milliseconds on a 50 MB table where SHA-256 would cost a tenth of a second per load.
     *
     * @param length bytes read
     * @param crc32c the CRC-32C of those bytes
     */
    public record Stamp(long length, long crc32c) {
        /** The stamp of {@code bytes}. */
        public static Stamp of(byte[] bytes) {
            return new Stamp(bytes.length, crc32c(bytes, bytes.length));
        }

        /** Whether {@code bytes} begins with the bytes this stamp was taken of. */
        public boolean isPrefixOf(byte[] bytes) {
            return bytes.length >= length && crc32c(bytes, (int) length) == crc32c;
        }

        private static long crc32c(byte[] bytes, int length) {
            CRC32C crc = new CRC32C();
            crc.update(bytes, 0, length);
            return crc.getValue();
        }
    }

    /**
     * What a table's bytes were, for an incremental load of a later append.
     *
     * @param path the table
     * @param consumed the bytes up to the end of its last whole line (a last line still
     *     without its newline is not among them)
     * @param crc32c the CRC-32C of those bytes
     */
    public record TableRead(Path path, long consumed, long crc32c) {
    }

    /** Reads and compiles both tables. */
    public Loaded load(Path allow, Path deny) {
        Session session = new Session();
        RuleTable allowTable = session.table(allow);
        RuleTable denyTable = session.table(deny);
        BannerSource banners = session.banners(allowTable, denyTable);
        RuleSet rules = new RuleSet(allowTable, denyTable, netgroups, banners);
        return new Loaded(rules, Collections.unmodifiableSet(session.paths), List.copyOf(session.hazards),
                session.sources, session.missingTables, session.reads);
    }

    /**
     * The snapshot after {@code previous} when the only change on disk is that some of its
     * tables grew by whole lines, the bytes they had left as they were: only the new lines are
     * parsed and checked, and the new snapshot shares everything else with {@code previous}.
     * Empty when that is not the case (a file other than a table changed, a table shrank or
     * was rewritten, a new line names a {@code /file} list or a banner directory, the table
     * ended in a line libwrap gives up at); then a full {@link #load} is in order.
     *
     * <p>The old bytes are verified by their CRC-32C, kept from the last load: appending
     * writers (fail2ban, DenyHosts: O_APPEND) never touch them, and any other writer that
     * leaves the length no shorter but changes a byte is caught with certainty for changes of up
     * to 32 bits and with probability 1 - 2^-32 otherwise. Reading the old bytes through the
     * page cache at a few GB/s costs about 3 ms per million lines: cheaper than parsing them
     * (about 100 ms) by far, and without trusting timestamps that an in-place rewrite keeps
     * moving in the same direction as an append.
     *
     * <pre>{@code
     * Loaded next = loader.appended(current, changedPaths).orElseGet(() -> loader.load(allow, deny));
     * }</pre>
     *
     * @param changed the paths whose stat changed since {@code previous} was read
     */
    public Optional<Loaded> appended(Loaded previous, Set<Path> changed) {
        Loaded next = previous;
        for (Path path : changed) {
            TableRead read = previous.tables().get(path);
            if (read == null) {
                return Optional.empty();
            }
            CRC32C prefix = new CRC32C();
            Optional<byte[]> tail = files.readAfter(path, read.consumed(), prefix);
            if (tail.isEmpty() || prefix.getValue() != read.crc32c()) {
                return Optional.empty();
            }
            Optional<Loaded> grown = append(next, path, read.consumed(), tail.get());
            if (grown.isEmpty()) {
                return Optional.empty();
            }
            next = grown.get();
        }
        return Optional.of(next);
    }

    /**
     * {@code previous} with {@code tail} appended to {@code table}: the caller has made sure
     * that the table's first {@code oldLength} bytes are still those {@code previous} was read
     * from and that {@code tail} is what follows them. Only whole lines of {@code tail} are
     * applied; the rest waits for its newline (the returned load's {@link TableRead#consumed()}
     * says where it starts). Empty when an append cannot be applied this way (see
     * {@link #appended}).
     */
    public Optional<Loaded> append(Loaded previous, Path table, long oldLength, byte[] tail) {
        TableRead read = previous.tables().get(table);
        RuleSet rules = previous.rules();
        boolean isAllow = rules.allowTable().path().equals(table.toString());
        RuleTable before = isAllow ? rules.allowTable() : rules.denyTable();
        if (read == null || read.consumed() != oldLength || before.consumed() != oldLength
                || !(isAllow || rules.denyTable().path().equals(table.toString()))) {
            return Optional.empty();
        }
        boolean[] readsLists = {false};
        Optional<RuleTable> appended = before.append(tail, accounts, token -> {
            readsLists[0] = true; // a list means I/O and a full load: rare in blocklists
            return new HostPattern.HostList.Missing(token);
        }, interfaces);
        if (appended.isEmpty() || readsLists[0] || namesBanners(before, appended.get())) {
            return Optional.empty();
        }
        RuleTable grown = appended.get();
        int used = (int) (grown.consumed() - oldLength);
        if (used == 0) {
            return Optional.of(previous); // no whole line yet: nothing changes
        }
        List<Diagnostic> problems = new ArrayList<>();
        for (RuleTable t : List.of(rules.allowTable(), rules.denyTable())) {
            for (Diagnostic d : previous.problems()) {
                if (d.location().isPresent() && d.location().get().file().equals(t.path())) {
                    problems.add(d);
                }
            }
            if (t == before) {
                problems.addAll(Hazards.checkAppended(before, grown, Arrays.copyOf(tail, used)));
            }
        }
        for (Diagnostic d : previous.problems()) {
            if (d.location().isEmpty() || !(d.location().get().file().equals(rules.allowTable().path())
                    || d.location().get().file().equals(rules.denyTable().path()))) {
                problems.add(d);
            }
        }
        RuleSet next = isAllow ? rules.grown(grown, rules.denyTable()) : rules.grown(rules.allowTable(), grown);
        Map<Path, TableRead> reads = new HashMap<>(previous.tables());
        long crc = Crc32c.extend(read.crc32c(), tail, 0, used);
        reads.put(table, new TableRead(table, grown.consumed(), crc));
        Map<Path, Stamp> sources = new HashMap<>(previous.sources());
        sources.put(table, new Stamp(grown.consumed(), crc)); // the first bytes, as a stamp describes them
        return Optional.of(new Loaded(next, previous.paths(), List.copyOf(problems), sources, previous.missingTables(), reads));
    }

    /** Whether lines appended to {@code before} use the banners option (a directory to read). */
    private static boolean namesBanners(RuleTable before, RuleTable grown) {
        return namesBanners(grown.compactEntries().optionLists(before.compactEntries().size()));
    }

    /** Whether any of these option lists uses the banners option. */
    private static boolean namesBanners(List<List<OptionStep>> optionLists) {
        for (List<OptionStep> steps : optionLists) {
            for (OptionStep step : steps) {
                if (step instanceof OptionStep.Run run && run.kind() == OptionKind.BANNERS) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Bytes to the byte string the language works on. */
    public static String latin1(byte[] bytes) {
        return ByteText.of(bytes);
    }

    /**
     * A byte string naming a path to the path. A trailing {@code /} is kept as {@code /.}: the
     * JDK would drop it, but for the kernel it insists on a directory ({@code list/} where
     * {@code list} is a file fails with "Not a directory", as libwrap reports).
     */
    static Path path(String latin1) {
        String text = ByteText.toText(latin1);
        return Path.of(text.length() > 1 && text.endsWith("/") ? text + "." : text);
    }

    private final class Session {
        final Set<Path> paths = new LinkedHashSet<>();
        final Map<String, HostPattern.HostList> lists = new HashMap<>();
        final Set<String> loading = new HashSet<>();
        final List<Diagnostic> hazards = new ArrayList<>();
        /** What a {@code banners} path that exists but is no directory holds: nothing. */
        final BannerSource notADirectory = BannerSource.empty();

        final Map<Path, Stamp> sources = new HashMap<>();
        final Set<Path> missingTables = new LinkedHashSet<>();
        long estimatedBytes;
        final Map<Path, TableRead> reads = new HashMap<>();

        RuleTable table(Path path) {
            paths.add(path);
            String name = path.toString();
            FileAccess.Read read = files.read(path);
            if (read instanceof FileAccess.Missing) {
                missingTables.add(path);
                return RuleTable.missing(name);
            }
            if (read instanceof FileAccess.Directory) {
                // libwrap reads an empty table; strict mode refuses it (a hazard).
                hazards.add(Hazards.directoryTable(name));
                return RuleTable.missing(name);
            }
            if (read instanceof FileAccess.Denied denied) {
                RuleTable table = RuleTable.unreadable(name, denied.reason());
                hazards.addAll(Hazards.check(table, ""));
                return table;
            }
            byte[] bytes = ((FileAccess.Content) read).bytes();
            sources.put(path, Stamp.of(bytes));
            long rules = ruleLines(bytes);
            if (!affordable(name, rules, BYTES_PER_LINE, "rules")) {
                return RuleTable.unreadable(name, "too large");
            }
            RuleTable table = RuleTable.parse(name, bytes, accounts, this::list, interfaces);
            long parsed = Math.max(0, table.ruleCount() - table.compactEntries().size());
            if (parsed > 0 && !affordable(name, parsed, BYTES_PER_RULE - BYTES_PER_LINE, "rules held as objects")) {
                return RuleTable.unreadable(name, "too large");
            }
            hazards.addAll(Hazards.check(table, bytes));
            CRC32C crc = new CRC32C();
            crc.update(bytes, 0, (int) table.consumed());
            reads.put(path, new TableRead(path, table.consumed(), crc.getValue()));
            return table;
        }

        HostPattern.HostList list(String token) {
            HostPattern.HostList known = lists.get(token);
            if (known != null) {
                return known;
            }
            // Strict loading and tcpdchk report both through Hazards, at the rule's line.
            if (loading.contains(token)) {
                return new HostPattern.HostList.Cycle(token);
            }
            if (loading.size() >= MAX_LIST_DEPTH) {
                return new HostPattern.HostList.Unreadable(token, "lists nested more than " + MAX_LIST_DEPTH + " deep");
            }
            Path path;
            try {
                path = path(token);
            } catch (InvalidPathException e) {
                return new HostPattern.HostList.Missing(token);
            }
            HostPattern.Membership bound = bindings.isEmpty() ? null : bindings.get(boundKey(path));
            if (bound != null) {
                HostPattern.HostList list = new HostPattern.HostList.Bound(token, bound);
                lists.put(token, list);
                return list;
            }
            paths.add(path);
            FileAccess.Read read = files.read(path);
            HostPattern.HostList list;
            if (read instanceof FileAccess.Missing) {
                list = new HostPattern.HostList.Missing(token);
            } else if (read instanceof FileAccess.Directory) {
                list = new HostPattern.HostList.Directory(token);
            } else if (read instanceof FileAccess.Denied denied) {
                list = new HostPattern.HostList.Unreadable(token, denied.reason());
            } else {
                byte[] bytes = ((FileAccess.Content) read).bytes();
                List<String> words = words(latin1(bytes));
                if (affordable(path.toString(), words.size(), BYTES_PER_LIST_WORD, "entries")) {
                    sources.put(path, Stamp.of(bytes));
                    loading.add(token);
                    List<HostPattern> patterns = new ArrayList<>();
                    for (String word : words) {
                        patterns.add(HostPattern.parse(word, this::list, interfaces));
                    }
                    loading.remove(token);
                    list = new HostPattern.HostList.Loaded(token, List.copyOf(patterns));
                } else {
                    list = new HostPattern.HostList.Unreadable(token, "too large");
                }
            }
            lists.put(token, list);
            return list;
        }

        /**
         * Adds a source's estimated cost to the load's; over the limit, reports it (FATAL: no
         * mode may put in force a load it cannot afford) and says no.
         */
        boolean affordable(String name, long items, long bytesEach, String what) {
            long cost = items * bytesEach;
            if (estimatedBytes + cost <= memoryLimit) {
                estimatedBytes += cost;
                return true;
            }
            hazards.add(new Diagnostic(Diagnostic.Level.FATAL, Optional.empty(), name + ": too large (" + items + " "
                    + what + ", about " + mebibytes(cost) + " MiB; limit " + mebibytes(memoryLimit)
                    + " MiB for a load" + (estimatedBytes > 0 ? ", " + mebibytes(estimatedBytes) + " MiB taken by the files before it" : "")
                    + "); the rules in force stay"));
            return false;
        }

        BannerSource banners(RuleTable... tables) {
            Map<String, BannerSource> directories = new HashMap<>();
            for (RuleTable table : tables) {
                if (!namesBanners(table.compactEntries().optionLists(0))) {
                    continue; // the usual blocklist: no rule is rebuilt just to look at its options
                }
                for (Rule rule : table.rules()) {
                    for (OptionStep step : rule.options().orElse(List.of())) {
                        if (step instanceof OptionStep.Run run && run.kind() == OptionKind.BANNERS
                                && run.value().isPresent() && !directories.containsKey(run.value().get())) {
                            BannerSource source = bannerDirectory(run.value().get(), table.path(), rule.line());
                            directories.put(run.value().get(), source);
                            if (source == notADirectory) {
                                hazards.add(Diagnostic.at(Diagnostic.Level.ERROR, table.path(), rule.line(), "banners "
                                        + run.value().get() + " is not a directory: libwrap opens a file below it,"
                                        + " which fails, and sends no banner, silently; name the directory that holds"
                                        + " the banner files"));
                            }
                        }
                    }
                }
            }
            return (directory, daemon) -> {
                BannerSource contents = directories.get(directory);
                return contents == null ? new BannerSource.NoDirectory("No such file or directory")
                        : contents.banner(directory, daemon);
            };
        }

        /** Said once per load at the first rule naming the directory, where tcpdchk shows it. */
        private void warnTooLarge(Map<String, BannerSource.Banner> contents, String table, int line) {
            contents.values().stream().filter(BannerSource.TooLarge.class::isInstance)
                    .map(b -> ((BannerSource.TooLarge) b).message()).sorted()
                    .forEach(message -> hazards.add(Diagnostic.at(Diagnostic.Level.WARNING, table, line, message)));
        }

        /**
         * Reads {@code DIR} and the directories below it (daemon names may hold a {@code /}),
         * at most {@link #MAX_BANNER_FILES} files and {@link #MAX_BANNER_DEPTH} levels.
         */
        private BannerSource bannerDirectory(String directory, String table, int line) {
            Path dir = path(directory);
            paths.add(dir);
            if (files.list(dir).isEmpty()) {
                // banners_option warns only when stat(DIR) fails: a regular file is silent.
                Optional<String> failure = files.statFailure(dir);
                return failure.isPresent() ? BannerSource.missing(failure.get()) : notADirectory;
            }
            Map<String, BannerSource.Banner> contents = new HashMap<>();
            List<Path> level = List.of(dir);
            for (int depth = 0; depth < MAX_BANNER_DEPTH && !level.isEmpty(); depth++) {
                List<Path> next = new ArrayList<>();
                for (Path d : level) {
                    for (Path file : files.list(d).orElse(List.of())) {
                        if (contents.size() >= MAX_BANNER_FILES) {
                            warnTooLarge(contents, table, line);
                            return BannerSource.of(contents);
                        }
                        paths.add(file);
                        String name = ByteText.fromText(dir.relativize(file).toString());
                        FileAccess.Read read = files.read(file);
                        if (read instanceof FileAccess.Content c) {
                            if (c.bytes().length <= MAX_BANNER_BYTES) {
                                contents.put(name, new BannerSource.Text(latin1(c.bytes())));
                            } else {
                                contents.put(name, new BannerSource.TooLarge(file.toString(), MAX_BANNER_BYTES));
                            }
                        } else if (read instanceof FileAccess.Denied denied && denied.reason().equals(FileAccess.TOO_LARGE)) {
                            contents.put(name, new BannerSource.TooLarge(file.toString(), MAX_BANNER_BYTES));
                        }
                    }
                    next.addAll(files.directories(d));
                }
                level = next;
            }
            warnTooLarge(contents, table, line);
            return BannerSource.of(contents);
        }
    }

    private static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (double) (1 << 20));
    }

    /**
     * Lines that can hold a rule: neither blank nor a comment ({@code #} in column 1, as
     * libwrap reads it). An upper bound on the rules, counted without parsing.
     */
    static long ruleLines(byte[] bytes) {
        long count = 0;
        int i = 0;
        while (i < bytes.length) {
            boolean comment = bytes[i] == '#';
            boolean text = false;
            for (; i < bytes.length && bytes[i] != '\n'; i++) {
                byte b = bytes[i];
                text |= b != ' ' && b != '\t' && b != '\r';
            }
            if (text && !comment) {
                count++;
            }
            i++;
        }
        return count;
    }

    /** fscanf("%s") words: runs of non-space bytes, each cut at a NUL as C strings are. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && CText.isSpace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !CText.isSpace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                String word = text.substring(start, i);
                int nul = word.indexOf('\0');
                words.add(nul >= 0 ? word.substring(0, nul) : word);
            }
        }
        return words;
    }
}
