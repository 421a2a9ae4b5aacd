/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.netty;

import io.github.tcpwrappers.AccessRequest;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import java.util.Optional;

/**
 * The handler's PROXY protocol code, apart so that the JVM loads it (and the optional
 * netty-codec-haproxy) only for a handler that trusts PROXY headers.
 */
final class ProxyHeaders {
    private ProxyHeaders() {
    }

    /** Whether a PROXY decoder sits in the pipeline (the handler then waits for its header). */
    static boolean decoderIn(ChannelPipeline pipeline) {
        return pipeline.get(HAProxyMessageDecoder.class) != null;
    }

    /** The request a PROXY header names (the header released); empty when {@code msg} is not one. */
    static Optional<AccessRequest> request(Object msg, String daemon, Channel channel) {
        if (!(msg instanceof HAProxyMessage header)) {
            return Optional.empty();
        }
        try {
            return Optional.of(fromHeader(header, daemon, channel));
        } finally {
            header.release();
        }
    }

    private static AccessRequest fromHeader(HAProxyMessage header, String daemon, Channel channel) {
        if (header.command() == HAProxyCommand.LOCAL) {
            // The proxy's own connection (a health check): the socket's addresses are the truth.
            return AccessRequest.of(daemon, channel.remoteAddress(), channel.localAddress());
        }
        HAProxyProxiedProtocol.AddressFamily family = header.proxiedProtocol().addressFamily();
        if (family != HAProxyProxiedProtocol.AddressFamily.AF_IPv4
                && family != HAProxyProxiedProtocol.AddressFamily.AF_IPv6) {
            // UNKNOWN or a Unix socket behind the proxy: no client address, as libwrap would see it.
            return new AccessRequest(daemon, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty());
        }
        // The header's literals, parsed as literals: never a name lookup.
        return AccessRequest.ofText(daemon, header.sourceAddress(), header.sourcePort(), header.destinationAddress(),
                header.destinationPort(), Optional.empty());
    }
}
