/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
/**
 * hosts.allow / hosts.deny as a Netty handler. The PROXY codec and Netty's DNS resolver are
 * optional: a server that uses neither needs neither module.
 */
module io.github.tcpwrappers.netty {
    requires transitive io.github.tcpwrappers;
    requires transitive io.netty.transport;
    requires io.netty.buffer;
    requires io.netty.common;
    requires org.slf4j;
    // Optional: used only when a PROXY decoder is in the pipeline, or the DNS resolver is built.
    requires static io.netty.codec.haproxy;
    requires static io.netty.codec.dns;
    requires static io.netty.resolver.dns;
    requires static io.netty.codec;

    exports io.github.tcpwrappers.netty;
}
