/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spring;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.netty.HostsAccessHandler;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.server.WebFilter;
import reactor.netty.http.server.HttpServer;

/**
 * WebFlux on Reactor Netty: the Netty {@link HostsAccessHandler} first in every connection's
 * pipeline, put there when the channel is initialised (before it is active), so a refused client
 * is closed before a byte of HTTP is parsed and never costs a request object. Routes with their
 * own daemons are checked per request by a {@link WebFilter}.
 */
@AutoConfiguration(after = HostsAccessAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBean(HostsAccess.class)
public final class HostsAccessReactiveAutoConfiguration {

    /** The handler's name in each connection's pipeline. */
    public static final String HANDLER_NAME = "tcpwrappers";

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({HttpServer.class, NettyReactiveWebServerFactory.class, HostsAccessHandler.class})
    static final class ReactorNetty {
        /**
         * A customizer of the factory, not a {@code NettyServerCustomizer} bean: Boot hands those
         * only to the factory it makes, and this must reach one the application makes too.
         */
        @Bean
        WebServerFactoryCustomizer<NettyReactiveWebServerFactory> tcpwrappersNettyCustomizer(HostsAccess access,
                HostsAccessProperties properties, Environment environment) {
            return nettyCustomizer(access, properties, environment);
        }

        /** The customizer, for the application's server and for a management server of its own. */
        static WebServerFactoryCustomizer<NettyReactiveWebServerFactory> nettyCustomizer(HostsAccess access,
                HostsAccessProperties properties, Environment environment) {
            HostsAccessHandler handler = new HostsAccessHandler(access,
                    HostsAccessAutoConfiguration.daemon(properties, environment));
            return factory -> factory.addServerCustomizers(server -> server.doOnChannelInit(
                    (observer, channel, remote) -> channel.pipeline().addFirst(HANDLER_NAME, handler)));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(WebFilter.class)
    static final class Routes {
        @Bean
        WebFilter tcpwrappersRouteFilter(HostsAccess access, HostsAccessProperties properties) {
            return routeFilter(access, properties);
        }

        static WebFilter routeFilter(HostsAccess access, HostsAccessProperties properties) {
            RouteDaemons routes = RouteDaemons.of(properties.routes());
            if (routes.isEmpty()) {
                return (exchange, chain) -> chain.filter(exchange);
            }
            return new HostsAccessWebFilter(access, routes, properties.http());
        }
    }
}
