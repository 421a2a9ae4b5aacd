/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.InetAccessHandler;

/**
 * A Jetty 12.1 (ee11) server on 127.0.0.1 with one of {@link ServerParts}' applications,
 * guarded by nothing ({@code none}), by one of {@link ServerParts}' filters, or by Jetty's
 * {@link InetAccessHandler} ({@code inetAccess}) on equivalent rules.
 */
final class GuardedJetty extends GuardedServer {
    private final Server server;
    private final int port;

    GuardedJetty(String guard, int rules, String app) throws Exception {
        super("jetty", guard, Set.of("inetAccess"));
        List<String> others = ServerParts.writeRules(dir, rules);
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(ServerParts.app(app)), "/*");
        Handler top = context;
        Optional<ServerParts.Guard> filter = guardFilter(guard);
        if (filter.isPresent()) {
            FilterHolder holder = new FilterHolder(filter.get().filter());
            holder.setAsyncSupported(true);
            context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
        } else if (guard.equals("inetAccess")) {
            InetAccessHandler inet = new InetAccessHandler();
            others.forEach(inet::include);
            inet.include("127.0.0.1");
            inet.setHandler(context);
            top = inet;
        }
        server.setHandler(top);
        server.start();
        port = connector.getLocalPort();
    }

    @Override
    int port() {
        return port;
    }

    @Override
    void stop() throws Exception {
        server.stop();
    }
}
