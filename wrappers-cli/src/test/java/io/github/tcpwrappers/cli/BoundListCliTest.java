/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.tcpwrappers.testing.BanRules;
import io.github.tcpwrappers.testing.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ban, unban, show, and tcpdmatch / tcpdchk with --bind, against a real redis-server. */
class BoundListCliTest {
    @TempDir
    Path dir;

    private String[] rules(String... more) {
        String[] base = {"--allow", dir.resolve("hosts.allow").toString(), "--deny", dir.resolve("hosts.deny").toString()};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static String[] cat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void aBanFromTheCommandLineIsWhatTcpdmatchSeesThroughTheBinding() throws Exception {
        Path ban = BanRules.write(dir);
        try (RedisServer redis = RedisServer.start(dir.resolve("redis"), false)) {
            String uri = redis.uri() + "?list=fleet";
            Cli.Result banned = Cli.run("ban", uri, "198.51.100.0/24", "--ttl", "2h", "--reason", "scanner");
            assertEquals(0, banned.status(), banned.err());
            assertTrue(banned.out().startsWith("banned 198.51.100.0/24 on redis://127.0.0.1:" + redis.port()
                    + "/0 list fleet until "), banned.out());
            Cli.Result shown = Cli.run("show", uri);
            assertEquals(0, shown.status(), shown.err());
            assertTrue(shown.out().startsWith("198.51.100.0/24\t"), shown.out());
            assertTrue(shown.out().contains("\twrappers-cli@"), shown.out());
            assertTrue(shown.out().strip().endsWith("\tscanner"), shown.out());

            String binding = ban + "=" + uri;
            Cli.Result match = Cli.run(cat(cat(new String[] {"tcpdmatch"}, rules("--bind", binding)), "sshd",
                    "198.51.100.77"));
            assertEquals(1, match.status(), match.out() + match.err());
            assertTrue(match.out().contains("matched:  " + dir.resolve("hosts.deny") + ":1"), match.out());
            assertTrue(match.out().contains("list:     " + ban + " 198.51.100.0/24 (redis://127.0.0.1:" + redis.port()
                    + "/0 list fleet, live), expires "), match.out());
            assertTrue(match.out().contains("reason scanner"), match.out());
            assertTrue(match.out().contains("access:   denied"), match.out());

            Cli.Result json = Cli.run(cat(cat(new String[] {"tcpdmatch"}, rules("--json", "--bind", binding)), "sshd",
                    "198.51.100.77"));
            JsonNode list = new ObjectMapper().readTree(json.out()).get("checks").get(0).get("lists").get(0);
            assertEquals("198.51.100.0/24", list.get("network").asText());
            assertEquals("live", list.get("state").asText());

            Cli.Result unbound = Cli.run(cat(cat(new String[] {"tcpdmatch"}, rules()), "sshd", "198.51.100.77"));
            assertEquals(0, unbound.status(), "without --bind the file is read, as libwrap reads it: " + unbound.out());

            assertEquals(0, Cli.run("unban", uri, "198.51.100.0/24").status());
            Cli.Result after = Cli.run(cat(cat(new String[] {"tcpdmatch"}, rules("--bind", binding)), "sshd",
                    "198.51.100.77"));
            assertEquals(0, after.status(), after.out());
            assertFalse(after.out().contains("list:"), after.out());
        }
    }

    @Test
    void tcpdchkChecksThatABindingIsNamedHasAFileAndDelivers() throws Exception {
        Path ban = BanRules.write(dir);
        try (RedisServer redis = RedisServer.start(dir.resolve("redis"), false)) {
            Cli.Result good = Cli.run(cat(new String[] {"tcpdchk"}, rules("--bind", ban + "=" + redis.uri())));
            assertEquals(0, good.status(), good.out() + good.err());
            assertTrue(good.out().contains("list: " + ban + " bound to redis://127.0.0.1:" + redis.port()
                    + "/0 list bans: live, 0 entries"), good.out());

            Path other = dir.resolve("other.ban");
            Cli.Result unnamed = Cli.run(cat(new String[] {"tcpdchk"}, rules("--bind", other + "=" + redis.uri())));
            assertTrue(unnamed.out().contains(other + ":0: warning: bound to redis: but no rule of"), unnamed.out());
            assertTrue(unnamed.out().contains(other + ":0: warning: bound list has no file"), unnamed.out());

            int down = redis.port();
            redis.stop();
            Cli.Result dead = Cli.run(cat(new String[] {"tcpdchk"}, rules("--list-wait", "1", "--bind",
                    ban + "=redis://127.0.0.1:" + down)));
            assertEquals(1, dead.status(), dead.out());
            assertTrue(dead.out().contains(ban + ":0: error: bound to redis://127.0.0.1:" + down
                    + "/0 list bans: nothing delivered within 1 s"), dead.out());

            Cli.Result scheme = Cli.run(cat(new String[] {"tcpdchk"}, rules("--bind", ban + "=ftp://x")));
            assertEquals(2, scheme.status());
            assertTrue(scheme.err().contains("no list source for \"ftp:\""), scheme.err());
        }
    }
}
