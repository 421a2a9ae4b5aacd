/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.cli;

import io.github.tcpwrappers.ListSources;
import io.github.tcpwrappers.spi.ListSink;
import io.github.tcpwrappers.spi.ListSource;
import io.github.tcpwrappers.value.ListEntry;
import io.github.tcpwrappers.value.Network;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Fleet-wide lists from the command line: {@code ban}, {@code unban} and {@code show} on a list
 * source URI, the same lists servers bind with {@code bindList} ({@code redis://...?list=bans}).
 *
 * <pre>{@code
 * java -jar wrappers-cli.jar ban 'redis://10.0.0.5:6379?list=bans' 203.0.113.7 --ttl 1h --reason "ssh brute force"
 * java -jar wrappers-cli.jar unban 'redis://10.0.0.5:6379?list=bans' 203.0.113.7
 * java -jar wrappers-cli.jar show 'redis://10.0.0.5:6379?list=bans'
 * }</pre>
 */
final class ListCommands {
    /** The source and how long to wait for it: what every list command takes. */
    static final class Source {
        @Parameters(index = "0", paramLabel = "URI", description = "The list's source (redis://HOST:PORT?list=NAME).")
        String uri;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
                description = "The longest to wait for the source (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;
    }

    /**
     * One change to the entry of one network, the one path {@code ban} and {@code unban} share:
     * parse the address, open the source, write, wait, print what was done.
     */
    abstract static class Write implements Callable<Integer> {
        @CommandLine.Mixin
        Source source;

        @Parameters(index = "1", paramLabel = "ADDRESS", description = "An address or network (203.0.113.7,"
                + " 198.51.100.0/24, 2001:db8::/32).")
        String address;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        /**
         * The write for {@code network}, checked before the source is opened (a usage error
         * never connects); started once it is.
         */
        abstract Function<ListSource, CompletionStage<Void>> change(Network network, CommandLine line);

        /** The line printed once the source took the write. */
        abstract String done(ListSource list, Network network);

        @Override
        public final Integer call() {
            CommandLine line = spec.commandLine();
            Network network = network(address, line);
            Function<ListSource, CompletionStage<Void>> write = change(network, line);
            try (ListSource list = open(source.uri, line)) {
                int status = await(write.apply(list).toCompletableFuture(), source.timeoutSeconds,
                        line.getErr(), spec.name());
                if (status == 0) {
                    line.getOut().println(done(list, network));
                }
                return status;
            }
        }
    }

    private ListCommands() {
    }

    static URI uri(String text, CommandLine line) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new CommandLine.ParameterException(line, "not a URI: " + e.getMessage());
        }
    }

    static ListSource open(String text, CommandLine line) {
        try {
            return ListSources.open(uri(text, line));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(line, e.getMessage());
        }
    }

    static Network network(String text, CommandLine line) {
        try {
            return Network.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(line, e.getMessage());
        }
    }

    /** An entry's expiry as every list command prints it: the instant, or {@code never}. */
    static String expiry(Instant expires) {
        return expires.equals(ListEntry.NEVER) ? "never" : expires.toString();
    }

    /** Waits for a write; 0 when the source took it, 1 (with the source's words) when not. */
    static int await(CompletableFuture<Void> write, int seconds, PrintWriter err, String tool) {
        try {
            write.get(seconds, TimeUnit.SECONDS);
            return 0;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null
                    ? c.getCause() : e.getCause();
            err.println(tool + ": " + cause.getMessage());
        } catch (TimeoutException e) {
            err.println(tool + ": the source did not answer within " + seconds + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(tool + ": interrupted");
        }
        return 1;
    }

    @Command(name = "ban", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Bans an address or network on a shared list, for every server bound to it.",
            exitCodeListHeading = "Exit status:%n",
            exitCodeList = {"0:written", "1:the source refused or did not answer", "2:bad usage"})
    static final class Ban extends Write {
        @Option(names = "--ttl", paramLabel = "TIME", defaultValue = "1h",
                description = "How long: 90, 90s, 30m, 1h, 7d, or 'never' (default: ${DEFAULT-VALUE}).")
        String ttl;

        @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "banned from the command line")
        String reason;

        @Option(names = "--origin", paramLabel = "TEXT", description = "Who bans (default: wrappers-cli@HOST).")
        String origin;

        private Instant expires;

        @Override
        Function<ListSource, CompletionStage<Void>> change(Network network, CommandLine line) {
            expires = until(ttl, line);
            String who = origin != null ? origin : ListSources.defaultOrigin("wrappers-cli");
            ListEntry entry;
            try {
                entry = new ListEntry(network, expires, who, reason);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(line, e.getMessage());
            }
            return list -> list.ban(entry);
        }

        @Override
        String done(ListSource list, Network network) {
            return "banned " + network + " on " + list.name() + " until " + expiry(expires);
        }

        private static Instant until(String ttl, CommandLine line) {
            if (ttl.equals("never")) {
                return ListEntry.NEVER;
            }
            try {
                return Instant.now().plus(ListEntry.ttl(ttl));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(line, "--ttl: " + e.getMessage() + " or never");
            }
        }
    }

    @Command(name = "unban", mixinStandardHelpOptions = true,
            description = "Removes an address's or network's entry from a shared list, for every server.",
            exitCodeListHeading = "Exit status:%n",
            exitCodeList = {"0:written", "1:the source refused or did not answer", "2:bad usage"})
    static final class Unban extends Write {
        @Override
        Function<ListSource, CompletionStage<Void>> change(Network network, CommandLine line) {
            return list -> list.unban(network);
        }

        @Override
        String done(ListSource list, Network network) {
            return "unbanned " + network + " on " + list.name();
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Prints a shared list's live entries: network, expiry, origin, reason.",
            exitCodeListHeading = "Exit status:%n",
            exitCodeList = {"0:printed", "1:the source delivered nothing in time", "2:bad usage"})
    static final class Show implements Callable<Integer> {
        @CommandLine.Mixin
        Source source;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            CommandLine line = spec.commandLine();
            PrintWriter out = TerminalWriter.over(line.getOut());
            CompletableFuture<List<ListEntry>> delivered = new CompletableFuture<>();
            AtomicReference<String> error = new AtomicReference<>();
            try (ListSource list = open(source.uri, line)) {
                list.start(new ListSink() {
                    @Override
                    public void replace(Collection<ListEntry> entries) {
                        delivered.complete(List.copyOf(entries));
                    }

                    @Override
                    public void update(Collection<ListEntry> added, Collection<Network> removed) {
                    }

                    @Override
                    public void unavailable(String message) {
                        error.set(message);
                    }
                });
                List<ListEntry> entries;
                try {
                    entries = delivered.get(source.timeoutSeconds, TimeUnit.SECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    line.getErr().println("show: " + Optional.ofNullable(error.get())
                            .orElse(list.name() + ": nothing delivered within " + source.timeoutSeconds + " s"));
                    return 1;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 1;
                }
                Instant now = Instant.now();
                entries.stream().filter(e -> e.liveAt(now)).sorted(Comparator.comparing(e -> e.network().toString()))
                        .forEach(e -> out.println(e.network() + "\t" + expiry(e.expires()) + "\t" + e.origin() + "\t"
                                + e.reason()));
                out.flush();
                return 0;
            }
        }
    }
}
