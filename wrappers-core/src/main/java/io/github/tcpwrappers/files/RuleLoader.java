package io.github.tcpwrappers.files;

import io.github.tcpwrappers.Diagnostic;
import io.github.tcpwrappers.NetgroupResolver;
import io.github.tcpwrappers.evaluation.BannerSource;
import io.github.tcpwrappers.evaluation.RuleSet;
import io.github.tcpwrappers.language.AccountNames;
import io.github.tcpwrappers.language.ByteText;
import io.github.tcpwrappers.language.CText;
import io.github.tcpwrappers.language.Hazards;
import io.github.tcpwrappers.language.HostPattern;
import io.github.tcpwrappers.language.OptionKind;
import io.github.tcpwrappers.language.OptionStep;
import io.github.tcpwrappers.language.RuleTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
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
    /** How deep /file lists may include one another; libwrap has no bound and would crash. */
    static final int MAX_LIST_DEPTH = 16;
    /** Banner files read per directory, at most. */
    static final int MAX_BANNER_FILES = 1024;
    /** Banner file size, at most. */
    static final int MAX_BANNER_BYTES = 1 << 20;

    private final FileAccess files;
    private final AccountNames accounts;
    private final NetgroupResolver netgroups;

    /** A loader over a file system view, an account table and a netgroup resolver. */
    public RuleLoader(FileAccess files, AccountNames accounts, NetgroupResolver netgroups) {
        this.files = files;
        this.accounts = accounts;
        this.netgroups = netgroups;
    }

    /**
     * One load: the compiled rules and every path they were read from.
     *
     * @param rules the compiled snapshot
     * @param paths every file and directory read (tables, lists, banner directories)
     * @param problems what strict mode refuses (errors) and tcpdchk reports (errors and
     *     warnings), in file order
     */
    public record Loaded(RuleSet rules, Set<Path> paths, List<Diagnostic> problems, Map<Path, TableRead> tables) {
        /** A load that no append can follow. */
        public Loaded(RuleSet rules, Set<Path> paths, List<Diagnostic> problems) {
            this(rules, paths, problems, Map.of());
        }

        public Loaded {
            tables = Map.copyOf(tables);
        }
    }

    /**
     * What a table's bytes were, for telling a later append from any other change.
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
        return new Loaded(rules, java.util.Collections.unmodifiableSet(session.paths), List.copyOf(session.hazards),
                session.reads);
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
        });
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
        reads.put(table, new TableRead(table, grown.consumed(), Crc32c.extend(read.crc32c(), tail, 0, used)));
        return Optional.of(new Loaded(next, previous.paths(), List.copyOf(problems), reads));
    }

    /** Whether lines appended to {@code before} use the banners option (a directory to read). */
    private static boolean namesBanners(RuleTable before, RuleTable grown) {
        for (List<OptionStep> steps : grown.compactEntries().optionLists(before.compactEntries().size())) {
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

    /** A byte string naming a path to the path. */
    static Path path(String latin1) {
        return Path.of(ByteText.toText(latin1));
    }

    private final class Session {
        final Set<Path> paths = new LinkedHashSet<>();
        final Map<String, HostPattern.HostList> lists = new HashMap<>();
        final Set<String> loading = new HashSet<>();
        final List<Diagnostic> hazards = new ArrayList<>();
        final Map<Path, TableRead> reads = new HashMap<>();

        RuleTable table(Path path) {
            paths.add(path);
            String name = path.toString();
            FileAccess.Read read = files.read(path);
            if (read instanceof FileAccess.Missing) {
                return RuleTable.missing(name);
            }
            if (read instanceof FileAccess.Denied denied) {
                RuleTable table = RuleTable.unreadable(name, denied.reason());
                hazards.addAll(Hazards.check(table, ""));
                return table;
            }
            byte[] bytes = ((FileAccess.Content) read).bytes();
            RuleTable table = RuleTable.parse(name, bytes, accounts, this::list);
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
            } catch (java.nio.file.InvalidPathException e) {
                return new HostPattern.HostList.Missing(token);
            }
            paths.add(path);
            FileAccess.Read read = files.read(path);
            HostPattern.HostList list;
            if (read instanceof FileAccess.Missing) {
                list = new HostPattern.HostList.Missing(token);
            } else if (read instanceof FileAccess.Denied denied) {
                list = new HostPattern.HostList.Unreadable(token, denied.reason());
            } else {
                loading.add(token);
                List<HostPattern> patterns = new ArrayList<>();
                for (String word : words(latin1(((FileAccess.Content) read).bytes()))) {
                    patterns.add(HostPattern.parse(word, this::list));
                }
                loading.remove(token);
                list = new HostPattern.HostList.Loaded(token, List.copyOf(patterns));
            }
            lists.put(token, list);
            return list;
        }

        BannerSource banners(RuleTable... tables) {
            Map<String, Map<String, String>> directories = new HashMap<>();
            for (RuleTable table : tables) {
                for (List<OptionStep> steps : table.compactEntries().optionLists(0)) {
                    for (OptionStep step : steps) {
                        if (step instanceof OptionStep.Run run && run.kind() == OptionKind.BANNERS
                                && run.value().isPresent() && !directories.containsKey(run.value().get())) {
                            directories.put(run.value().get(), bannerDirectory(run.value().get()));
                        }
                    }
                }
            }
            return (directory, daemon) -> {
                Map<String, String> contents = directories.get(directory);
                if (contents == null) {
                    return new BannerSource.NoDirectory("No such file or directory");
                }
                String text = contents.get(daemon);
                return text == null ? new BannerSource.Absent() : new BannerSource.Text(text);
            };
        }

        private Map<String, String> bannerDirectory(String directory) {
            Path dir = path(directory);
            paths.add(dir);
            Optional<List<Path>> entries = files.list(dir);
            if (entries.isEmpty()) {
                return null;
            }
            Map<String, String> contents = new HashMap<>();
            for (Path file : entries.get()) {
                if (contents.size() >= MAX_BANNER_FILES) {
                    break;
                }
                paths.add(file);
                if (files.read(file) instanceof FileAccess.Content c && c.bytes().length <= MAX_BANNER_BYTES) {
                    String name = ByteText.fromText(file.getFileName().toString());
                    contents.put(name, latin1(c.bytes()));
                }
            }
            return contents;
        }
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
