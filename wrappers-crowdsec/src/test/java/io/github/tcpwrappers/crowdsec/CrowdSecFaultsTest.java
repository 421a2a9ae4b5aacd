/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.crowdsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.ListStartup;
import io.github.tcpwrappers.testing.Await;
import io.github.tcpwrappers.testing.BanRules;
import io.github.tcpwrappers.testing.ManualClock;
import io.github.tcpwrappers.testing.StderrLines;
import io.github.tcpwrappers.value.ListStatus;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Engines bound to the real LAPI while it is down: at startup, and with a list already in force. */
class CrowdSecFaultsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    @RegisterExtension
    static final RealLapi LAPI = new RealLapi();

    @TempDir
    Path dir;

    @AfterEach
    void cleanUp() throws Exception {
        if (!LAPI.get().answers()) {
            LAPI.get().resume();
        }
        LAPI.get().cscli("decisions", "delete", "--all");
    }

    private HostsAccess engine(String name, HostsAccess.Builder builder) throws Exception {
        Path rules = Files.createDirectories(dir.resolve(name));
        Path ban = BanRules.write(rules);
        Files.writeString(rules.resolve("hosts.deny"), "ALL : " + ban + "\nALL : 127.0.10.3\n");
        CrowdSecBouncer bouncer = CrowdSecBouncer.builder(URI.create(LAPI.get().url())).apiKey(LAPI.get().addBouncer(name))
                .pollInterval(Duration.ofMillis(200)).maxRetryDelay(Duration.ofMillis(400)).build();
        return builder.directory(rules).bindList(ban, bouncer).build();
    }

    private static boolean denied(HostsAccess access, String client) {
        return BanRules.denied(access, client);
    }

    @Test
    void startedWithTheLapiDownAnEngineServesItsFileRulesAndLogsErrorOrWithDenyAllRefusesEveryoneUntilTheListArrives()
            throws Exception {
        LAPI.get().cscli("decisions", "add", "-i", "127.0.10.5", "-d", "1h");
        LAPI.get().stop();
        try (StderrLines log = StderrLines.capture(); HostsAccess open = engine("open", HostsAccess.builder());
                HostsAccess closed = engine("closed", HostsAccess.builder().listStartup(ListStartup.DENY_ALL))) {
            Await.until("an ERROR naming the list and the LAPI", WAIT, () -> log.containing("ERROR").stream()
                    .anyMatch(l -> l.contains("hosts.ban: crowdsec " + LAPI.get().url() + ": cannot connect")
                            && l.contains("no list yet: the rules are served without it")));
            Await.until("and the DENY_ALL engine's ERROR saying that it refuses everyone", WAIT,
                    () -> log.containing("ERROR").stream().anyMatch(l -> l.contains("closed/hosts.ban")
                            && l.contains("no list yet: every request is refused until it arrives")));
            assertEquals(ListStatus.State.WAITING, open.lists().get(0).state());
            assertTrue(denied(open, "127.0.10.3"), "the file rules are served");
            assertFalse(denied(open, "127.0.10.4"));
            assertFalse(denied(open, "127.0.10.5"), "not known yet");
            assertTrue(denied(closed, "127.0.10.4"), "DENY_ALL refuses everyone until the list arrives");
            LAPI.get().resume();
            assertTrue(open.awaitLists(WAIT) && closed.awaitLists(WAIT), "the list arrives once the LAPI answers");
            assertTrue(denied(open, "127.0.10.5") && denied(closed, "127.0.10.5"));
            assertFalse(denied(closed, "127.0.10.4"), "and DENY_ALL lets the others in");
        }
    }

    @Test
    void expiriesKeepRunningWhileTheLapiIsDown() throws Exception {
        ManualClock clock = ManualClock.at(Instant.now());
        try (HostsAccess access = engine("expiry", HostsAccess.builder().clock(clock))) {
            assertTrue(access.awaitLists(WAIT));
            LAPI.get().cscli("decisions", "add", "-i", "127.0.10.7", "-d", "10m");
            LAPI.get().cscli("decisions", "add", "-i", "127.0.10.8", "-d", "2h");
            Await.until("both in force", WAIT, () -> denied(access, "127.0.10.7") && denied(access, "127.0.10.8"));
            LAPI.get().stop();
            Await.until("the outage is noticed", WAIT, () -> access.lists().get(0).state() == ListStatus.State.SNAPSHOT);
            clock.advance(Duration.ofMinutes(11));
            assertFalse(denied(access, "127.0.10.7"), "lapsed while the LAPI was down: no answer needed");
            assertTrue(denied(access, "127.0.10.8"), "the longer ban stays");
        }
    }
}
