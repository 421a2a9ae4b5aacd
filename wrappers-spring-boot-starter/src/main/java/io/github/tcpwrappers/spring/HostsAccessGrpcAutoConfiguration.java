package io.github.tcpwrappers.spring;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.grpc.HostsAccessInterceptor;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptor;
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

    @Bean
    @GlobalServerInterceptor
    HostsAccessInterceptor tcpwrappersGrpcInterceptor(HostsAccess access, HostsAccessProperties properties,
            Environment environment) {
        return properties.grpc().perService() ? HostsAccessInterceptor.perService(access)
                : HostsAccessInterceptor.forDaemon(access, HostsAccessAutoConfiguration.daemon(properties, environment));
    }

    @Bean
    <T extends ServerBuilder<T>> ServerBuilderCustomizer<T> tcpwrappersGrpcTransportFilter(
            HostsAccessInterceptor tcpwrappersGrpcInterceptor) {
        return builder -> builder.addTransportFilter(tcpwrappersGrpcInterceptor.transportFilter());
    }
}
