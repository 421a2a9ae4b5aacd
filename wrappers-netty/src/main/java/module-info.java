/*
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
/**
 * hosts.allow / hosts.deny as a Netty handler: {@link io.github.tcpwrappers.netty.HostsAccessHandler}.
 * The PROXY protocol codec and Netty's DNS resolver are optional: a server that uses neither
 * needs neither module (nor jar).
 *
 * <pre>{@code
 * module my.server {
 *     requires io.github.tcpwrappers.netty;
 * }
 * }</pre>
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
