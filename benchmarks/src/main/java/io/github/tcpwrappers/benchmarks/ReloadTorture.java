/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.Mode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wrong grants for a denied client while hosts.deny is rewritten the ways writers rewrite it
 * (issue 18 item 3): in place with pauses between chunks, in place back to back, deleted and
 * written again, renamed over. The denied client's rule is the table's last line, so any part
 * of a write put in force lets it in; both tables written deny it, so every grant is wrong.
 * Uses the public API only, so the same source runs against an older core.
 *
 * <pre>
 * mvn -B -o -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.github.tcpwrappers.benchmarks.ReloadTorture strict
 * </pre>
 *
 * Arguments: {@code strict|libwrap}, then optionally the scenarios to run ({@code gap5},
 * {@code gap30}, {@code gap150}, {@code gap400}, {@code churn}, {@code recreate}, {@code rename}).
 */
public final class ReloadTorture {
    private static final String DENIED = "127.0.0.66";
    private static final int FILLER = 300;
    private static final int CHUNKS = 6;

    private ReloadTorture() {
    }

    /** One scenario's outcome. */
    private record Result(String scenario, int writes, long decisions, long wrongGrants, long settledMillis) {
    }

    public static void main(String[] args) throws Exception {
        Mode mode = args.length > 0 && args[0].equalsIgnoreCase("libwrap") ? Mode.LIBWRAP : Mode.STRICT;
        List<String> scenarios = args.length > 1 ? List.of(args).subList(1, args.length)
                : List.of("gap5", "gap30", "gap150", "gap400", "churn", "recreate", "rename");
        System.out.printf(Locale.ROOT, "| mode | scenario | writes | decisions | wrong grants | last table in force after |%n");
        System.out.printf(Locale.ROOT, "|---|---|---:|---:|---:|---:|%n");
        for (String scenario : scenarios) {
            Result r = run(mode, scenario);
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %d | %s |%n", mode, r.scenario(), r.writes(),
                    r.decisions(), r.wrongGrants(), r.settledMillis() < 0 ? "never (30 s)" : r.settledMillis() + " ms");
        }
    }

    private static Result run(Mode mode, String scenario) throws Exception {
        Path dir = Files.createTempDirectory("reload-torture");
        Path deny = dir.resolve("hosts.deny");
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(deny, table(0));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong decisions = new AtomicLong();
        AtomicLong wrong = new AtomicLong();
        // A fast poll, as the issue measured: the engine reacts to the first byte that moves.
        try (HostsAccess access = HostsAccess.builder().directory(dir).mode(mode).reloadInterval(Duration.ofMillis(20))
                .build()) {
            Thread asker = new Thread(() -> {
                while (!stop.get()) {
                    if (!denied(access, DENIED)) {
                        wrong.incrementAndGet();
                    }
                    decisions.incrementAndGet();
                }
            }, "torture-asker");
            asker.start();
            int writes = switch (scenario) {
                case "gap5" -> inPlace(deny, 20, 5);
                case "gap30" -> inPlace(deny, 10, 30);
                case "gap150" -> inPlace(deny, 5, 150);
                case "gap400" -> inPlace(deny, 3, 400);
                case "churn" -> churn(deny, 1000);
                case "recreate" -> recreate(deny, 200);
                case "rename" -> rename(deny, 1000);
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            };
            long settled = settle(access, writes);
            stop.set(true);
            asker.join();
            return new Result(scenario, writes, decisions.get(), wrong.get(), settled);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** hosts.deny number {@code n}: filler rules, a marker for {@code n}, then the denied client. */
    private static String table(int n) {
        StringBuilder text = new StringBuilder("# generated ").append(n).append('\n');
        for (int i = 0; i < FILLER; i++) {
            text.append("sshd: 10.1.").append(i / 250).append('.').append(i % 250 + 1).append('\n');
        }
        return text.append("sshd: 10.200.").append(n / 250 % 250).append('.').append(n % 250 + 1).append(' ')
                .append(DENIED).append('\n').toString();
    }

    private static String marker(int n) {
        return "10.200." + (n / 250 % 250) + "." + (n % 250 + 1);
    }

    /** Waits until table {@code last} is in force; how long that took, or -1 after 30 s. */
    private static long settle(HostsAccess access, int last) throws InterruptedException {
        long start = System.nanoTime();
        while (!denied(access, marker(last))) {
            if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(30)) {
                return -1;
            }
            Thread.sleep(5);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static boolean denied(HostsAccess access, String client) {
        try {
            return access.checkBlocking(AccessRequest.of("sshd", new InetSocketAddress(client, 40000),
                    new InetSocketAddress("127.0.0.1", 22)), Duration.ofSeconds(10)).denied();
        } catch (TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code count} in-place writes ({@code > hosts.deny}), each in chunks cut at line ends, {@code gap} ms apart. */
    private static int inPlace(Path deny, int count, long gapMillis) throws IOException, InterruptedException {
        for (int n = 1; n <= count; n++) {
            byte[] bytes = table(n).getBytes(StandardCharsets.ISO_8859_1);
            try (FileChannel out = FileChannel.open(deny, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                int start = 0;
                for (int c = 1; c <= CHUNKS; c++) {
                    int end = c == CHUNKS ? bytes.length : lineEnd(bytes, bytes.length * c / CHUNKS);
                    out.write(ByteBuffer.wrap(bytes, start, end - start));
                    start = end;
                    Thread.sleep(gapMillis);
                }
            }
        }
        return count;
    }

    private static int lineEnd(byte[] bytes, int from) {
        int i = from;
        while (i < bytes.length && bytes[i - 1] != '\n') {
            i++;
        }
        return i;
    }

    /** {@code count} in-place rewrites back to back, each written line by line. */
    private static int churn(Path deny, int count) throws IOException {
        for (int n = 1; n <= count; n++) {
            try (FileChannel out = FileChannel.open(deny, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                for (String line : table(n).split("(?<=\n)")) {
                    out.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.ISO_8859_1)));
                }
            }
        }
        return count;
    }

    /** {@code count} times: delete hosts.deny, pause, write it again (created, in chunks). */
    private static int recreate(Path deny, int count) throws IOException, InterruptedException {
        for (int n = 1; n <= count; n++) {
            Files.delete(deny);
            Thread.sleep(2);
            byte[] bytes = table(n).getBytes(StandardCharsets.ISO_8859_1);
            try (FileChannel out = FileChannel.open(deny, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
                int half = lineEnd(bytes, bytes.length / 2);
                out.write(ByteBuffer.wrap(bytes, 0, half));
                Thread.sleep(2);
                out.write(ByteBuffer.wrap(bytes, half, bytes.length - half));
            }
        }
        return count;
    }

    /** {@code count} complete files renamed over hosts.deny. */
    private static int rename(Path deny, int count) throws IOException {
        Path next = deny.resolveSibling("hosts.deny.next");
        for (int n = 1; n <= count; n++) {
            Files.writeString(next, table(n), StandardCharsets.ISO_8859_1);
            Files.move(next, deny, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return count;
    }
}
