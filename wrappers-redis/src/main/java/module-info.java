/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
/**
 * A fleet-wide shared ban list in Redis: {@link io.github.tcpwrappers.redis.RedisList}, a live
 * list source for a {@code /file} path of the rules, also opened by URI scheme ({@code redis://},
 * {@code rediss://}, {@code redis-sentinel://}) through the core's {@code ListSources.open}.
 *
 * <pre>{@code
 * module my.server {
 *     requires io.github.tcpwrappers.redis;
 * }
 * }</pre>
 */
// Lettuce ships no module-info, only the Automatic-Module-Name lettuce.core: javac's lint says so.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.github.tcpwrappers.redis {
    requires transitive io.github.tcpwrappers;
    // RedisList.builder takes Lettuce's RedisURI.
    requires transitive lettuce.core;
    requires org.slf4j;

    exports io.github.tcpwrappers.redis;

    provides io.github.tcpwrappers.spi.ListSourceProvider with io.github.tcpwrappers.redis.RedisListProvider;
}
