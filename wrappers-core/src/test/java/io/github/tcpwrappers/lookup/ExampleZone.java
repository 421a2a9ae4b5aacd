/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.lookup;

import io.github.tcpwrappers.spi.HostNameSyntax;
import io.github.tcpwrappers.testing.Dnsmasq;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** The example.com and example.net records the lookup tests ask a real dnsmasq for. */
final class ExampleZone {
    private ExampleZone() {
    }

    /**
     * The zone the tests share:
     * <ul>
     * <li>127.0.0.2 and fd00::2 are good.example.com, and back (verified);
     * <li>127.0.0.3 and fd00::3 claim forged.example.com, which is 127.0.0.99 only (paranoid);
     * <li>127.0.0.5 claims ghost.example.com, which has no address (paranoid);
     * <li>127.0.0.6 claims a name with a space in it (not a host name: unknown);
     * <li>::1 is six.example.com, and back;
     * <li>127.0.0.4 and 127.0.0.7 have no PTR (unknown); 127.0.0.10 to .29 are hostNN.example.net.
     * </ul>
     */
    static Dnsmasq start() throws Exception {
        List<String> records = new ArrayList<>(List.of("--local=/example.com/", "--local=/example.net/",
                "--host-record=good.example.com,127.0.0.2,fd00::2",
                "--host-record=forged.example.com,127.0.0.99",
                "--ptr-record=3.0.0.127.in-addr.arpa,forged.example.com",
                "--ptr-record=" + reverse("fd00::3") + ",forged.example.com",
                "--ptr-record=5.0.0.127.in-addr.arpa,ghost.example.com",
                "--ptr-record=6.0.0.127.in-addr.arpa,bad name.example.com",
                "--host-record=six.example.com,::1"));
        for (int i = 10; i < 30; i++) {
            records.add("--host-record=host" + i + ".example.net,127.0.0." + i);
        }
        return Dnsmasq.start(records.toArray(String[]::new));
    }

    private static String reverse(String address) throws IOException {
        String name = HostNameSyntax.reverseName(InetAddress.getByName(address));
        return name.substring(0, name.length() - 1);
    }

}
