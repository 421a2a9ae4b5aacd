/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.crowdsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.AccessRequest;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.crowdsec.testing.CrowdSecLapi;
import io.github.tcpwrappers.value.ListMatch;
import io.github.tcpwrappers.value.Network;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two engines (two servers of a fleet), each bound to the real LAPI through its own bouncer: a
 * ban one of them decides, from Java or from a rule, is refused by the other.
 */
class FleetBanTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    @RegisterExtension
    static final RealLapi LAPI = new RealLapi();

    @TempDir
    Path dir;

    private static AccessRequest from(String client, String daemon) {
        return AccessRequest.of(daemon, new InetSocketAddress(client, 40000), new InetSocketAddress("127.0.0.1", 22));
    }

    /** An engine in its own directory whose hosts.deny is {@code deny}, bound to a fresh bouncer. */
    private HostsAccess server(String name, String deny, boolean machine) throws Exception {
        Path rules = Files.createDirectories(dir.resolve(name));
        Files.writeString(rules.resolve("hosts.allow"), "");
        Files.writeString(rules.resolve("hosts.deny"), deny);
        CrowdSecBouncer.Builder bouncer = CrowdSecBouncer.builder(URI.create(LAPI.get().url())).apiKey(LAPI.get().addBouncer(name))
                .pollInterval(Duration.ofMillis(200));
        if (machine) {
            CrowdSecLapi.Machine creds = LAPI.get().addMachine(name);
            bouncer.machine(creds.login(), creds.password());
        }
        return HostsAccess.builder().directory(rules).bindList(Path.of("/etc/hosts.crowdsec"), bouncer.build()).build();
    }

    private static void awaitDenied(HostsAccess access, String client, String daemon) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        while (access.checkBlocking(from(client, daemon), WAIT).granted()) {
            assertTrue(System.nanoTime() < end, client + " never refused");
            Thread.sleep(20);
        }
    }

    @Test
    void aBanFromJavaOnOneServerIsRefusedByAnother() throws Exception {
        try (HostsAccess web = server("web-1", "ALL : /etc/hosts.crowdsec\n", true);
                HostsAccess ssh = server("ssh-1", "ALL : /etc/hosts.crowdsec\n", false)) {
            assertTrue(ssh.checkBlocking(from("127.0.9.1", "sshd"), WAIT).granted());
            web.ban(Path.of("/etc/hosts.crowdsec"), Network.parse("127.0.9.1"), Duration.ofMinutes(30), "credential stuffing")
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertTrue(web.checkBlocking(from("127.0.9.1", "sshd"), WAIT).denied(), "refused where it was decided at once");
            awaitDenied(ssh, "127.0.9.1", "sshd");
            List<ListMatch> why = ssh.listEntries(InetAddress.getByName("127.0.9.1"));
            assertEquals("credential stuffing", why.get(0).entry().reason());
            assertTrue(why.get(0).entry().origin().startsWith("tcpwrappers@"), why.get(0).entry().origin());
            web.unban(Path.of("/etc/hosts.crowdsec"), Network.parse("127.0.9.1")).toCompletableFuture().get(10, TimeUnit.SECONDS);
            long end = System.nanoTime() + WAIT.toNanos();
            while (ssh.checkBlocking(from("127.0.9.1", "sshd"), WAIT).denied()) {
                assertTrue(System.nanoTime() < end, "unban never reached the other server");
                Thread.sleep(20);
            }
        } finally {
            LAPI.get().cscli("decisions", "delete", "--all");
        }
    }

    @Test
    void aClientThatTouchesATrapOnOneServerIsRefusedByEveryServer() throws Exception {
        String trap = "trap : ALL : spawn tcpwrappers-ban /etc/hosts.crowdsec %a 1h touched the trap\n"
                + "ALL : /etc/hosts.crowdsec\n";
        try (HostsAccess honeypot = server("honeypot", trap, true);
                HostsAccess ssh = server("ssh-2", "ALL : /etc/hosts.crowdsec\n", false)) {
            assertTrue(ssh.checkBlocking(from("127.0.9.2", "sshd"), WAIT).granted());
            assertTrue(honeypot.checkBlocking(from("127.0.9.2", "trap"), WAIT).denied());
            awaitDenied(ssh, "127.0.9.2", "sshd");
            assertEquals("touched the trap", ssh.listEntries(InetAddress.getByName("127.0.9.2")).get(0).entry().reason());
            // 1.4.6 lists decisions of other origins than cscli and crowdsec only with --all
            String decisions = LAPI.get().cscli("decisions", "list", "--all", "-o", "raw");
            assertTrue(decisions.contains("Ip:127.0.9.2"), "a CrowdSec decision the rest of the fleet enforces: " + decisions);
        } finally {
            LAPI.get().cscli("decisions", "delete", "--all");
        }
    }
}
