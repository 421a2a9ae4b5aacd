/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.redis;

import io.github.tcpwrappers.spi.ListSource;
import io.github.tcpwrappers.spi.ListSourceProvider;
import io.lettuce.core.RedisURI;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Opens Redis lists from URIs: Lettuce's {@code redis://}, {@code rediss://},
 * {@code redis-sentinel://} and {@code redis-socket://}, and {@code redis-cluster://h1:p1,h2:p2}
 * for a Cluster; {@code list=NAME} in the query names the list (default {@code bans}).
 *
 * <pre>{@code
 * redis://:secret@10.0.0.5:6379/0?list=bans
 * redis-sentinel://10.0.0.6:26379,10.0.0.7:26379?list=bans#mymaster
 * redis-cluster://10.0.0.8:7000,10.0.0.9:7000?list=bans
 * }</pre>
 */
public final class RedisListProvider implements ListSourceProvider {

    @Override
    public Set<String> schemes() {
        return Set.of("redis", "rediss", "redis-sentinel", "rediss-sentinel", "redis-socket", "redis-cluster");
    }

    @Override
    public ListSource open(URI uri) {
        return builder(uri).build();
    }

    /**
     * A builder for the list at {@code uri}, to set more than the URI says.
     *
     * @param uri the list's URI, as {@code --bind} or {@code ListSources.open} takes it
     * @return a builder with what the URI says
     */
    public static RedisList.Builder builder(URI uri) {
        String text = uri.toString();
        String list = "bans";
        String query = uri.getRawQuery();
        if (query != null) {
            List<String> kept = new ArrayList<>();
            for (String part : query.split("&")) {
                if (part.startsWith("list=")) {
                    list = part.substring(5);
                } else if (!part.isEmpty()) {
                    kept.add(part);
                }
            }
            int q = text.indexOf('?');
            int hash = text.indexOf('#', q);
            text = text.substring(0, q) + (kept.isEmpty() ? "" : "?" + String.join("&", kept))
                    + (hash < 0 ? "" : text.substring(hash));
        }
        RedisList.Builder builder;
        if (text.startsWith("redis-cluster://")) {
            String rest = text.substring("redis-cluster://".length());
            String auth = "";
            int at = rest.lastIndexOf('@');
            if (at >= 0) {
                auth = rest.substring(0, at + 1);
                rest = rest.substring(at + 1);
            }
            int slash = rest.indexOf('/');
            String hosts = slash < 0 ? rest : rest.substring(0, slash);
            List<RedisURI> seeds = new ArrayList<>();
            for (String host : hosts.split(",")) {
                seeds.add(RedisURI.create("redis://" + auth + host));
            }
            builder = RedisList.cluster(seeds);
        } else {
            try {
                builder = RedisList.builder(RedisURI.create(text));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a Redis URI: " + e.getMessage(), e);
            }
        }
        return builder.list(list);
    }
}
