/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.lookup;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The platform resolver through {@link InetAddress}: /etc/hosts, nsswitch, resolv.conf (and
 * {@code -Djdk.net.hosts.file}), with the JDK's own address cache.
 *
 * <p>The JDK hides a reverse name whose forward lookup does not confirm it (it answers the
 * address text instead), so this back-end cannot tell "paranoid" from "no name": both come out
 * as no name. The DNS back-end tells them apart.
 */
final class SystemNameService implements NameService {

    @Override
    public Optional<String> reverse(InetAddress address) {
        InetAddress bare = bare(address);
        String name = bare.getHostName();
        return name.equals(bare.getHostAddress()) ? Optional.empty() : Optional.of(name);
    }

    @Override
    public List<InetAddress> forward(String name, InetAddress family) {
        try {
            return Arrays.stream(InetAddress.getAllByName(name))
                    .filter(a -> (a instanceof Inet4Address) == (family instanceof Inet4Address))
                    .toList();
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    /** A copy without a remembered name, so that getHostName really asks. */
    private static InetAddress bare(InetAddress address) {
        try {
            return InetAddress.getByAddress(address.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + address, e);
        }
    }
}
