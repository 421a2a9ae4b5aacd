/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spring;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.grpc.HostsAccessInterceptor;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.grpc.server.ServerBuilderCustomizer;

/**
 * Spring gRPC: the {@link HostsAccessInterceptor} as a global interceptor of every service, and
 * its transport filter on the server, so a connection's decision lives as long as the connection.
 */
@AutoConfiguration(after = HostsAccessAutoConfiguration.class,
        beforeName = "org.springframework.boot.grpc.server.autoconfigure.GrpcServerFactoryAutoConfiguration")
@ConditionalOnClass({ServerInterceptor.class, GlobalServerInterceptor.class, HostsAccessInterceptor.class})
@ConditionalOnProperty(prefix = "tcpwrappers.grpc", name = "enabled", matchIfMissing = true)
@ConditionalOnBean(HostsAccess.class)
public final class HostsAccessGrpcAutoConfiguration {

    /**
     * Where calls held for a name or user lookup resume (and their handlers then run): the
     * interceptor never borrows a shared JDK pool, and this one is shut down with the context.
     */
    @Bean(destroyMethod = "shutdown")
    ExecutorService tcpwrappersGrpcExecutor() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "tcpwrappers-grpc-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    @GlobalServerInterceptor
    HostsAccessInterceptor tcpwrappersGrpcInterceptor(HostsAccess access, HostsAccessProperties properties,
            Environment environment, ExecutorService tcpwrappersGrpcExecutor) {
        return properties.grpc().perService() ? HostsAccessInterceptor.perService(access, tcpwrappersGrpcExecutor)
                : HostsAccessInterceptor.forDaemon(access, HostsAccessAutoConfiguration.daemon(properties, environment),
                        tcpwrappersGrpcExecutor);
    }

    @Bean
    <T extends ServerBuilder<T>> ServerBuilderCustomizer<T> tcpwrappersGrpcTransportFilter(
            HostsAccessInterceptor tcpwrappersGrpcInterceptor) {
        return builder -> builder.addTransportFilter(tcpwrappersGrpcInterceptor.transportFilter());
    }
}
