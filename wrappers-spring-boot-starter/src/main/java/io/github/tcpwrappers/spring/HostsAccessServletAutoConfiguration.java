/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spring;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.servlet.HostsAccessFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.util.EnumSet;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.http.server.PathContainer;

/**
 * Servlet applications (Tomcat, Jetty): the {@link HostsAccessFilter} first of all filters, on
 * every dispatch, async supported (a decision that needs a lookup frees the container thread).
 */
@AutoConfiguration(after = HostsAccessAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({Filter.class, FilterRegistrationBean.class, PathContainer.class})
@ConditionalOnBean(HostsAccess.class)
public final class HostsAccessServletAutoConfiguration {

    /** The registration's bean name, for applications that want to change it. */
    public static final String REGISTRATION = "tcpwrappersFilterRegistration";

    @Bean(REGISTRATION)
    FilterRegistrationBean<Filter> tcpwrappersFilterRegistration(HostsAccess access, HostsAccessProperties properties,
            Environment environment) {
        return registration(access, properties, environment);
    }

    /** The registration, for the application's server and for a management server of its own. */
    static FilterRegistrationBean<Filter> registration(HostsAccess access, HostsAccessProperties properties,
            Environment environment) {
        String daemon = HostsAccessAutoConfiguration.daemon(properties, environment);
        RoutedServletFilter filter = new RoutedServletFilter(daemon, RouteDaemons.of(properties.routes()),
                d -> HostsAccessFilter.create(access, Map.of(HostsAccessFilter.DAEMON, d,
                        HostsAccessFilter.DENIED_STATUS, String.valueOf(properties.http().deniedStatus()),
                        HostsAccessFilter.DECISION_TIMEOUT, properties.http().decisionTimeout().toString())));
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("tcpwrappers");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setAsyncSupported(true);
        // Every dispatch: the filter's own async dispatch and forwards pass at once (the request was
        // admitted); an ERROR or ASYNC dispatch it never admitted is decided like a new request.
        registration.setDispatcherTypes(EnumSet.allOf(DispatcherType.class));
        registration.addUrlPatterns("/*");
        return registration;
    }
}
