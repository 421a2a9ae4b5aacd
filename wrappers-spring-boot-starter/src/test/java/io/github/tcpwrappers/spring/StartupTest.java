/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.Mode;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the auto-configuration makes of its properties, and how it refuses bad ones at start-up. */
class StartupTest {
    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HostsAccessAutoConfiguration.class,
                    HostsAccessServletAutoConfiguration.class));

    private WebApplicationContextRunner with(Tables tables, String... properties) {
        return runner.withPropertyValues("tcpwrappers.directory=" + tables.dir())
                .withPropertyValues(properties);
    }

    static Stream<Arguments> refusedConfigurations() {
        Tables broken = Tables.create("broken", "shop: 127.0.0.1\nthis line has no colon\n", "ALL: ALL\n");
        Tables good = Tables.create("good");
        return Stream.of(
                Arguments.of(broken, new String[] {"tcpwrappers.daemon=shop"}, "hosts.allow:2"),
                Arguments.of(good, new String[0], "set tcpwrappers.daemon (or spring.application.name)"),
                Arguments.of(good, new String[] {"tcpwrappers.daemon=two words"}, "tcpwrappers.daemon must be one word"),
                Arguments.of(good, new String[] {"spring.application.name=a:b"}, "spring.application.name"),
                Arguments.of(good, new String[] {"tcpwrappers.daemon=shop", "tcpwrappers.http.denied-status=200"},
                        "tcpwrappers.http.denied-status must be an HTTP error status"),
                Arguments.of(good, new String[] {"tcpwrappers.daemon=shop", "tcpwrappers.routes[0].daemon=admin"},
                        "a route needs at least one path pattern"),
                Arguments.of(good, new String[] {"tcpwrappers.daemon=shop", "tcpwrappers.lookups.dns-servers=8.8.8.8"},
                        "dns://HOST[:PORT]"),
                Arguments.of(good, new String[] {"tcpwrappers.daemon=shop", "tcpwrappers.deny-file=/nonexistent/hosts.deny"},
                        "/nonexistent/hosts.deny"),
                Arguments.of(good, new String[] {"tcpwrappers.daemon=shop", "tcpwrappers.reload-interval=-1s"},
                        "tcpwrappers: reload-interval must not be negative"),
                Arguments.of(good, new String[] {"tcpwrappers.daemon=shop", "tcpwrappers.http.decision-timeout=0s"},
                        "tcpwrappers.http.decision-timeout must be positive"));
    }

    @ParameterizedTest
    @MethodSource("refusedConfigurations")
    void badConfigurationFailsStartupNamingTheProblem(Tables tables, String[] properties, String named) {
        with(tables, properties).run(context -> {
            assertThat(context).hasFailed();
            assertThat(causes(context.getStartupFailure())).contains(named);
        });
    }

    private static String causes(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    @Test
    void daemonDefaultsToTheApplicationName() {
        with(Tables.create("named"), "spring.application.name=shop").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(HostsAccess.class);
            assertThat(context).hasBean(HostsAccessServletAutoConfiguration.REGISTRATION);
        });
    }

    @Test
    void libwrapModeLoadsWhatStrictModeRefuses() {
        Tables broken = Tables.create("lenient", "shop: 127.0.0.1\nthis line has no colon\n", "ALL: ALL\n");
        with(broken, "tcpwrappers.daemon=shop", "tcpwrappers.mode=libwrap").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(HostsAccessProperties.class).settings().mode()).isEqualTo(Mode.LIBWRAP);
            assertThat(context.getBean(HostsAccess.class).problems()).isNotEmpty();
        });
    }

    @Test
    void missingTablesEmptyStartsWithoutADenyTable() {
        with(Tables.create("nodeny"), "tcpwrappers.daemon=shop", "tcpwrappers.deny-file=/nonexistent/hosts.deny",
                "tcpwrappers.missing-tables=empty").run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void shadowDirectoryPutsShadowTablesBesideTheRealOnes() {
        Tables shadow = Tables.create("shadow", "", "ALL: ALL\n");
        with(Tables.create("real"), "tcpwrappers.daemon=shop", "tcpwrappers.shadow-directory=" + shadow.dir())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(HostsAccess.class).status().shadow()).isPresent();
                });
    }

    @Test
    void disabledStarterPutsNothingInForce() {
        with(Tables.create("off"), "tcpwrappers.daemon=shop", "tcpwrappers.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(HostsAccess.class);
            assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnEngine {
        static final Tables TABLES = Tables.create("own");

        @Bean
        HostsAccess myEngine() {
            return HostsAccess.builder().directory(Path.of(TABLES.dir())).build();
        }
    }

    @Test
    void anEngineOfTheApplicationsOwnIsUsedInstead() {
        runner.withUserConfiguration(OwnEngine.class).withPropertyValues("tcpwrappers.daemon=shop").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(HostsAccess.class).hasBean("myEngine");
            assertThat(context).hasBean(HostsAccessServletAutoConfiguration.REGISTRATION);
        });
    }
}
