/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.testing.Dnsmasq;
import io.github.tcpwrappers.testing.Resources;
import io.github.tcpwrappers.testing.UdpRelay;
import io.github.tcpwrappers.value.HostName;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 item 9: with one fixed UDP source port, only the 16-bit query id stands between an
 * off-path forger and a PTR answer of its choosing. Each query must leave from a port of its own,
 * as the JDK resolver's do. A relay in front of a real dnsmasq sees the ports.
 */
class DnsSourcePortAttackTest {
    private static final int LOOKUPS = 20;

    @Test
    void everyQueryLeavesFromItsOwnRandomPort() throws Exception {
        try (Dnsmasq dns = Dnsmasq.start("--local=/example/", "--host-record=host.port.example,127.0.0.8");
                UdpRelay relay = new UdpRelay(dns.address());
                NettyNames names = NettyNames.asking(relay.address())) {
            long fdsBefore = Resources.now().fileDescriptors();
            for (int i = 0; i < LOOKUPS; i++) {
                assertEquals(new HostName.Verified("host.port.example"), names.of("127.0.0.8"));
            }
            List<Integer> ports = relay.questionPorts();
            assertEquals(2 * LOOKUPS, ports.size(), "a PTR and an A query per lookup: " + ports);
            // The kernel picks each port at random from ~28,000: a repeat or two among 40 is chance,
            // one port for all is the attack's precondition.
            int distinct = new HashSet<>(ports).size();
            System.out.println("DnsSourcePortAttackTest: " + ports.size() + " queries, " + distinct
                    + " distinct source ports"); // the figure TESTING.md quotes
            assertTrue(distinct >= ports.size() - 3, distinct + " distinct source ports in " + ports);
            // A socket per query is closed with it: nothing piles up.
            assertTrue(Resources.now().fileDescriptors() <= fdsBefore + 2,
                    "file descriptors grew from " + fdsBefore + " to " + Resources.now().fileDescriptors());
        }
    }
}
