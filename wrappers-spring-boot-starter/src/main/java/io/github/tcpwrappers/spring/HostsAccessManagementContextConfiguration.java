/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spring;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.netty.HostsAccessHandler;
import jakarta.servlet.Filter;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.WebFilter;
import reactor.netty.http.server.HttpServer;

/**
 * The same doors on the management server, when {@code management.server.port} gives the
 * actuator a server of its own: Boot builds it in a child context that does not take the
 * application's filters or factory customizers, so without this the actuator port would answer
 * every client. The application's engine, daemon and routes apply unchanged.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnBean(HostsAccess.class)
public final class HostsAccessManagementContextConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass({Filter.class, FilterRegistrationBean.class, PathContainer.class})
    static final class Servlet {
        @Bean
        FilterRegistrationBean<Filter> tcpwrappersManagementFilterRegistration(HostsAccess access,
                HostsAccessProperties properties, Environment environment) {
            return HostsAccessServletAutoConfiguration.registration(access, properties, environment);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnClass({HttpServer.class, NettyReactiveWebServerFactory.class, HostsAccessHandler.class, WebFilter.class})
    static final class Reactive {
        @Bean
        WebServerFactoryCustomizer<NettyReactiveWebServerFactory> tcpwrappersManagementNettyCustomizer(
                HostsAccess access, HostsAccessProperties properties, Environment environment) {
            return HostsAccessReactiveAutoConfiguration.ReactorNetty.nettyCustomizer(access, properties, environment);
        }

        @Bean
        WebFilter tcpwrappersManagementRouteFilter(HostsAccess access, HostsAccessProperties properties) {
            return HostsAccessReactiveAutoConfiguration.Routes.routeFilter(access, properties);
        }
    }
}
