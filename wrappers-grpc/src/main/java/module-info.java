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
 * hosts.allow / hosts.deny as a gRPC server interceptor: {@link io.github.tcpwrappers.grpc.HostsAccessInterceptor}.
 *
 * <pre>{@code
 * module my.server {
 *     requires io.github.tcpwrappers.grpc;
 * }
 * }</pre>
 */
module io.github.tcpwrappers.grpc {
    requires transitive io.github.tcpwrappers;
    requires transitive io.grpc;
    // Optional: only ClosingTransports (a grpc-netty server's channels) uses Netty.
    requires static io.netty.transport;
    requires static io.netty.common;

    exports io.github.tcpwrappers.grpc;
}
