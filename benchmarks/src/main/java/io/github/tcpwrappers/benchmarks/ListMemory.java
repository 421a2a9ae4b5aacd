package io.github.tcpwrappers.benchmarks;

import io.github.tcpwrappers.MemoryListSource;
import io.github.tcpwrappers.lists.LiveList;
import io.github.tcpwrappers.value.ListEntry;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * A bound list of many entries: heap per entry once in force, the time to put a whole snapshot
 * in force, and the time to apply a delta of 10,000 on top of it (off the decision path: on the
 * source's thread, while decisions read the list in force). Each timed step starts after a GC,
 * so it pays for its own garbage only.
 *
 * <pre>
 * java -Xmx3g -cp benchmarks/target/benchmarks.jar io.github.tcpwrappers.benchmarks.ListMemory 1000000
 * </pre>
 */
public final class ListMemory {
    private ListMemory() {
    }

    private interface Entries {
        List<ListEntry> of(int from, int n, long seed);
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        run("IPv4 /32", n, ListEntries::ipv4);
        run("IPv6 /64", n, ListEntries::ipv6);
    }

    private static void run(String family, int n, Entries make) {
        List<ListEntry> entries = make.of(0, n, 1);
        LiveList list = new LiveList(Path.of("/etc/hosts.ban"), MemoryListSource.named("bench"), Clock.systemUTC(),
                n * 2, change -> { });
        long before = usedAfterGc(); // the entries as objects, and an empty list
        long start = System.nanoTime();
        list.replace(entries);
        long first = System.nanoTime() - start;
        long after = usedAfterGc(); // the same objects, and the list in force
        double perEntry = (after - before) / (double) n;
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            usedAfterGc();
            long t = System.nanoTime();
            list.replace(entries);
            best = Math.min(best, System.nanoTime() - t);
        }
        long firstDelta = 0;
        long worstDelta = 0;
        for (int i = 0; i < 5; i++) {
            List<ListEntry> delta = make.of(n + 10_000 * i, 10_000, 4 + i);
            usedAfterGc();
            long t = System.nanoTime();
            list.update(delta, List.of());
            long took = System.nanoTime() - t;
            firstDelta = i == 0 ? took : firstDelta;
            worstDelta = Math.max(worstDelta, took);
        }
        System.out.printf("%s, %,d entries: heap %.1f B/entry (%,d B); snapshot in force in %.0f ms (best of 3;"
                + " first %.0f ms); delta of 10,000 in %.1f ms (worst of 5 in a row %.1f ms); %,d entries held%n",
                family, n, perEntry, after - before, best / 1e6, first / 1e6, firstDelta / 1e6, worstDelta / 1e6,
                list.status().entries());
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
