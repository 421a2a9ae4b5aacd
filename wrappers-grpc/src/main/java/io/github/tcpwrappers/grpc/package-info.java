/**
 * hosts.allow / hosts.deny for gRPC servers: {@link io.github.tcpwrappers.grpc.HostsAccessInterceptor}.
 *
 * <pre>{@code
 * ServerInterceptors.intercept(service, HostsAccessInterceptor.forDaemon(access, "greeter"));
 * }</pre>
 */
package io.github.tcpwrappers.grpc;
