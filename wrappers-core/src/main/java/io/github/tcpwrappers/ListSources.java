/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import io.github.tcpwrappers.spi.ListSource;
import io.github.tcpwrappers.spi.ListSourceProvider;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * List sources by URI, through the {@link ListSourceProvider}s on the class path, and bindings
 * written as {@code PATH=URI} (the form tcpdchk and tcpdmatch take).
 *
 * <pre>{@code
 * ListSources.Binding b = ListSources.binding("/etc/hosts.ban=redis://10.0.0.5:6379?list=bans");
 * HostsAccess.builder().bindList(b.path(), ListSources.open(b.uri())).build();
 * }</pre>
 */
public final class ListSources {
    private ListSources() {
    }

    /** A list path and the URI of its source. */
    public record Binding(Path path, URI uri) {
    }

    /**
     * Parses {@code PATH=URI}.
     *
     * @param text the binding, {@code PATH=URI}
     * @return the path and the URI
     * @throws IllegalArgumentException when it is not that, saying why
     */
    public static Binding binding(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1 || text.charAt(0) != '/') {
            throw new IllegalArgumentException("a binding is /PATH=URI (the list path as the rules name it): " + text);
        }
        try {
            return new Binding(Path.of(text.substring(0, eq)), new URI(text.substring(eq + 1)));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URI in " + text.substring(0, eq) + "=...: " + e.getMessage());
        }
    }

    /**
     * A source for {@code uri} from the provider of its scheme, not started yet.
     *
     * @param uri where the list is
     * @return the source
     * @throws IllegalArgumentException when no provider takes the scheme, or the URI is bad
     */
    public static ListSource open(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        TreeSet<String> known = new TreeSet<>();
        for (ListSourceProvider provider : ServiceLoader.load(ListSourceProvider.class)) {
            if (provider.schemes().contains(scheme)) {
                return provider.open(uri);
            }
            known.addAll(provider.schemes());
        }
        throw new IllegalArgumentException("no list source for \"" + scheme + ":\" on the class path (known: "
                + (known.isEmpty() ? "none; wrappers-redis brings redis, rediss, redis-sentinel, redis-cluster" : known)
                + ")");
    }

    /**
     * {@code TOOL@HOST:PID}: the origin of the bans a process writes (HOST from the kernel, where it says).
     *
     * @param tool the tool's name
     * @return the origin text
     */
    public static String defaultOrigin(String tool) {
        String host = "localhost";
        try {
            host = Files.readString(Path.of("/proc/sys/kernel/hostname"),
                    StandardCharsets.US_ASCII).trim();
        } catch (IOException | RuntimeException e) {
            // not Linux: the name stays generic
        }
        String text = tool + "@" + host + ":" + ProcessHandle.current().pid();
        return text.replaceAll("[^A-Za-z0-9@:._-]", "_");
    }
}
