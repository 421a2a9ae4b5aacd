/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.lookup;

import io.github.tcpwrappers.spi.HostNameSyntax;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * Asks given DNS servers directly through the JDK's JNDI DNS provider ({@code jdk.naming.dns}):
 * PTR, then A or AAAA. Unlike the system back-end it sees the unconfirmed name, so it can answer
 * paranoid.
 */
final class JndiDnsNameService implements NameService {
    private static final String FACTORY = "com.sun.jndi.dns.DnsContextFactory";

    private final Hashtable<String, String> environment = new Hashtable<>();

    JndiDnsNameService(List<URI> servers, Duration timeout) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no DNS servers given");
        }
        for (URI server : servers) {
            if (!"dns".equals(server.getScheme()) || server.getHost() == null
                    || (server.getPath() != null && !server.getPath().isEmpty() && !server.getPath().equals("/"))) {
                throw new IllegalArgumentException("a DNS server is written dns://HOST[:PORT], not " + server);
            }
        }
        environment.put(Context.INITIAL_CONTEXT_FACTORY, FACTORY);
        environment.put(Context.PROVIDER_URL,
                servers.stream().map(s -> "dns://" + s.getRawAuthority()).collect(Collectors.joining(" ")));
        // Two tries per server, the second twice as long: together under the resolver's timeout
        // for one server, so an answer from a slow first try still counts.
        long initial = Math.max(50, timeout.toMillis() / 4);
        environment.put("com.sun.jndi.dns.timeout.initial", Long.toString(initial));
        environment.put("com.sun.jndi.dns.timeout.retries", "2");
        // Fail at build time, not at the first connection, when the JDK lacks jdk.naming.dns.
        try {
            open().close();
        } catch (NamingException e) {
            throw new IllegalStateException("the JDK's DNS provider (module jdk.naming.dns) is not available", e);
        }
    }

    private DirContext open() throws NamingException {
        return new InitialDirContext(new Hashtable<>(environment));
    }

    @Override
    public Optional<String> reverse(InetAddress address) throws NamingException {
        List<String> names = query(HostNameSyntax.reverseName(address), "PTR");
        return names.stream().findFirst().map(JndiDnsNameService::withoutRootDot);
    }

    @Override
    public List<InetAddress> forward(String name, InetAddress family) throws Exception {
        List<String> texts = query(name + ".", family instanceof Inet4Address ? "A" : "AAAA");
        List<InetAddress> addresses = new ArrayList<>(texts.size());
        for (String text : texts) {
            // The provider formats A and AAAA data as address literals: no lookup happens here.
            addresses.add(InetAddress.getByName(text));
        }
        return addresses;
    }

    /** The record data of one type at one name; empty for NXDOMAIN and for no such record. */
    private List<String> query(String name, String type) throws NamingException {
        DirContext context = open();
        try {
            Attributes attributes = context.getAttributes(name, new String[] {type});
            Attribute attribute = attributes.get(type);
            List<String> values = new ArrayList<>();
            if (attribute != null) {
                NamingEnumeration<?> all = attribute.getAll();
                while (all.hasMore()) {
                    values.add(String.valueOf(all.next()));
                }
            }
            return values;
        } catch (NameNotFoundException e) {
            return List.of();
        } finally {
            context.close();
        }
    }

    private static String withoutRootDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
